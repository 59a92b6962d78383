import { InvalidTokenError } from '@modelcontextprotocol/sdk/server/auth/errors.js';
import { requireBearerAuth } from '@modelcontextprotocol/sdk/server/auth/middleware/bearerAuth.js';
import type { AuthInfo } from '@modelcontextprotocol/sdk/server/auth/types.js';
import type { Request, RequestHandler } from 'express';
import { Types } from 'mongoose';
import type { Config } from '../../config';
import { accessTokenGrant } from '../../store/oauth-store';
import { oauthIssuer, SHOP_SCOPE } from './provider';

/**
 * Our assistants' endpoints as OAuth 2.1 resource servers: each publishes its protected resource
 * metadata (RFC 9728) naming our authorization server, answers a request without a valid token with
 * 401 and a `WWW-Authenticate` pointing at that metadata, and accepts only tokens whose audience is
 * itself (RFC 8707), so a token issued for another resource (or for Alexa account linking) is refused.
 */

/** Where a resource's metadata is published: the well-known prefix before the resource's path (RFC 9728 section 3.1). */
export function resourceMetadataPath(resource: string): string {
  return `/.well-known/oauth-protected-resource${new URL(resource).pathname.replace(/\/+$/, '')}`;
}

export function resourceMetadataUrl(resource: string): string {
  return new URL(resourceMetadataPath(resource), resource).href;
}

export function protectedResourceMetadata(config: Config, resource: string, name: string) {
  return {
    resource,
    authorization_servers: [oauthIssuer(config)],
    scopes_supported: [SHOP_SCOPE],
    bearer_methods_supported: ['header'],
    resource_name: name,
  };
}

const MAX_TOKEN_LENGTH = 512;

/** The bearer check for `resource`; the request's `auth.extra.customerId` names the customer the token was issued for. */
export function requireResourceToken(resource: string): RequestHandler {
  return requireBearerAuth({
    expectedResource: new URL(resource),
    requiredScopes: [SHOP_SCOPE],
    resourceMetadataUrl: resourceMetadataUrl(resource),
    verifier: {
      async verifyAccessToken(token: string): Promise<AuthInfo> {
        const grant = token.length <= MAX_TOKEN_LENGTH ? await accessTokenGrant(token) : null;
        if (!grant) throw new InvalidTokenError('The access token is not valid');
        return {
          token,
          clientId: grant.clientId ?? '',
          scopes: grant.scopes,
          expiresAt: Math.floor(grant.expiresAt.getTime() / 1000),
          ...(grant.audience ? { resource: new URL(grant.audience) } : {}),
          extra: { customerId: grant.customerId?.toHexString() ?? null },
        };
      },
    },
  }) as unknown as RequestHandler;
}

/** The customer the verified token names (after `requireResourceToken`); null for a service token, which acts for nobody. */
export function tokenCustomer(req: Request): Types.ObjectId | null {
  const customerId = (req as Request & { auth?: AuthInfo }).auth?.extra?.customerId;
  return typeof customerId === 'string' ? new Types.ObjectId(customerId) : null;
}
