import { generateKeyPairSync } from 'node:crypto';
import type { Types } from 'mongoose';
import Provider, { interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { ConfigError, type Config } from '../../config';
import { findCustomer } from '../../store/customer-store';
import { OAuthStoreAdapter } from './adapter';

/**
 * The OAuth 2 authorization server behind Alexa account linking (authorization-code grant), built on
 * oidc-provider. Alexa is its one client. Tokens are opaque and stored (hashed) through the adapter,
 * so the Alexa endpoint resolves a token with a database read (store/oauth-store.ts).
 */

/** The scope to enter in the Alexa developer console's account-linking form. */
export const ALEXA_SCOPE = 'orders';

const TTL_SECONDS = {
  AccessToken: 3_600,
  AuthorizationCode: 300,
  RefreshToken: 180 * 24 * 3_600,
  Grant: 180 * 24 * 3_600,
  Interaction: 30 * 60,
  Session: 30 * 60,
};

export function oauthIssuer(config: Config): string {
  return config.OAUTH_ISSUER ?? `${config.PUBLIC_BASE_URL.replace(/\/+$/, '')}/oauth`;
}

/**
 * Every authorization asks for a link code, even when the browser still holds a session from an
 * earlier linking: a shared phone must not link the next person's Alexa to the previous account.
 */
function linkCodeEveryTimePolicy() {
  const policy = interactionPolicy.base();
  policy
    .get('login')!
    .checks.add(new interactionPolicy.Check('link_code_required', 'each account linking is proven with a fresh link code', (ctx: KoaContextWithOIDC) => !ctx.oidc.result?.login));
  return policy;
}

export function createOAuthProvider(config: Config): Provider {
  if (!config.ALEXA_OAUTH_CLIENT_SECRET || !config.OAUTH_COOKIE_SECRET) {
    throw new ConfigError(['OAUTH_COOKIE_SECRET and ALEXA_OAUTH_CLIENT_SECRET: both are needed for Alexa account linking (at least 8 characters each)']);
  }
  const issuer = oauthIssuer(config);
  const issuerPath = new URL(issuer).pathname.replace(/\/+$/, '');
  // No ID tokens are issued (Alexa asks for none), but the library needs a signing key; one per process is enough.
  const signingKey = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'jwk' });
  const configuration: Configuration = {
    adapter: OAuthStoreAdapter,
    clients: [
      {
        client_id: config.ALEXA_OAUTH_CLIENT_ID,
        client_secret: config.ALEXA_OAUTH_CLIENT_SECRET,
        redirect_uris: config.ALEXA_OAUTH_REDIRECT_URIS,
        grant_types: ['authorization_code', 'refresh_token'],
        response_types: ['code'],
        // Alexa's default "Client Authentication Scheme": HTTP Basic.
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'ES256',
      },
    ],
    scopes: ['openid', 'offline_access', ALEXA_SCOPE],
    cookies: { keys: [config.OAUTH_COOKIE_SECRET], long: { signed: true }, short: { signed: true } },
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'ES256', kid: 'process-key' }] },
    features: { devInteractions: { enabled: false }, revocation: { enabled: true } },
    interactions: { url: (_ctx, interaction) => `${issuerPath}/interaction/${interaction.uid}`, policy: linkCodeEveryTimePolicy() },
    // A confidential client with a secret: PKCE is checked when Alexa sends a challenge, not demanded.
    pkce: { required: () => false },
    // Alexa refreshes tokens itself; it gets a refresh token whatever scope the console asks for.
    issueRefreshToken: async (_ctx, client) => client.grantTypeAllowed('refresh_token'),
    ttl: TTL_SECONDS,
    async findAccount(_ctx, accountId) {
      const customer = /^[0-9a-f]{24}$/.test(accountId) ? await findCustomer(accountId as unknown as Types.ObjectId) : null;
      if (!customer || customer.erasedAt) return undefined;
      return { accountId, claims: async () => ({ sub: accountId }) };
    },
    renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Account linking failed</title></head><body><main><h1>Account linking failed</h1><p>${String(out.error_description ?? out.error).replace(/[&<>"']/g, '')}</p><p>Please start again from the Alexa app.</p></main></body></html>`;
    },
  };
  const provider = new Provider(issuer, configuration);
  // The router hands the library the configured public origin (host and X-Forwarded-Proto, never the
  // caller's), so behind a TLS-terminating proxy its URLs are https while the socket is http.
  provider.proxy = true;
  return provider;
}

/**
 * Mints a real access token for a customer, as the token endpoint would after a completed linking.
 * For tests and tools that need a linked Alexa user without walking through the browser flow.
 */
export async function issueAccessToken(provider: Provider, config: Config, customerId: Types.ObjectId): Promise<string> {
  const client = await provider.Client.find(config.ALEXA_OAUTH_CLIENT_ID);
  if (!client) throw new Error(`OAuth client ${config.ALEXA_OAUTH_CLIENT_ID} is not configured`);
  const accountId = customerId.toHexString();
  const grant = new provider.Grant({ accountId, clientId: client.clientId });
  grant.addOIDCScope(ALEXA_SCOPE);
  const grantId = await grant.save();
  const token = new provider.AccessToken({ accountId, client, grantId, gty: 'authorization_code', scope: ALEXA_SCOPE });
  return token.save();
}
