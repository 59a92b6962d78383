import { generateKeyPairSync } from 'node:crypto';
import type { Types } from 'mongoose';
import Provider, { errors, interactionPolicy, type Configuration, type KoaContextWithOIDC } from 'oidc-provider';
import { ConfigError, type Config } from '../../config';
import { findCustomer } from '../../store/customer-store';
import { escapeHtml, htmlDocument } from '../html';
import { OAuthStoreAdapter } from './adapter';

/**
 * The OAuth 2 authorization server behind Alexa account linking and the assistants' resources (the
 * MCP server, UCP checkout), built on oidc-provider. Alexa is its one preconfigured client; assistants
 * register themselves (dynamic client registration) and ask for a token bound to one resource (RFC 8707
 * resource indicator), which becomes the token's audience. Tokens are opaque and stored (hashed) through
 * the adapter, so each endpoint resolves a token with a database read (store/oauth-store.ts).
 */

/** The scope to enter in the Alexa developer console's account-linking form. */
export const ALEXA_SCOPE = 'orders';
/** The scope an assistant's token carries on our resources: shopping as the customer who signed in. */
export const SHOP_SCOPE = 'shop';
/** The path of the UCP REST endpoint (the profile's `endpoint`). */
export const UCP_REST_PATH = '/ucp/v1';

/** Our protected resources (RFC 9728 resource identifiers): a token names exactly one of them as its audience. */
export function assistantResources(config: Config): { mcp: string; ucp: string } {
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  return { mcp: `${base}/mcp`, ucp: `${base}${UCP_REST_PATH}` };
}

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
  const resources = assistantResources(config);
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
    // What a registered client gets unless it asks otherwise; our one signing key is ES256.
    clientDefaults: { grant_types: ['authorization_code'], response_types: ['code'], id_token_signed_response_alg: 'ES256' },
    scopes: ['openid', 'offline_access', ALEXA_SCOPE, SHOP_SCOPE],
    cookies: { keys: [config.OAUTH_COOKIE_SECRET], long: { signed: true }, short: { signed: true } },
    jwks: { keys: [{ ...signingKey, use: 'sig', alg: 'ES256', kid: 'process-key' }] },
    features: {
      devInteractions: { enabled: false },
      revocation: { enabled: true },
      // Alexa+ connects an add-on with a service token first (initialize, tools/list), before any customer
      // links: such a token names no customer, so it can list the tools but never call one.
      clientCredentials: { enabled: true },
      // MCP clients with no prior relationship register themselves (RFC 7591, open registration): the
      // client proves nothing about the customer, who still signs in with a link code from chat.
      registration: { enabled: true },
      resourceIndicators: {
        enabled: true,
        // A token for an assistant is always for one named resource: no resource, no assistant token.
        defaultResource: (_ctx, _client, oneOf) => (Array.isArray(oneOf) ? oneOf[0]! : oneOf) as string,
        useGrantedResource: () => true,
        getResourceServerInfo(_ctx, resourceIndicator) {
          if (!Object.values(resources).includes(resourceIndicator)) throw new errors.InvalidTarget('unknown resource');
          return { scope: SHOP_SCOPE, audience: resourceIndicator, accessTokenTTL: TTL_SECONDS.AccessToken, accessTokenFormat: 'opaque' };
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `${issuerPath}/interaction/${interaction.uid}`, policy: linkCodeEveryTimePolicy() },
    // Alexa is a confidential client with a secret: PKCE is checked when it sends a challenge, not
    // demanded. Every other client (the registered assistants, public clients among them) must use it.
    pkce: { methods: ['S256'], required: (_ctx, client) => client.clientId !== config.ALEXA_OAUTH_CLIENT_ID },
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
      ctx.body = htmlDocument({ lang: 'en', title: 'Account linking failed', body: `<main><h1>Account linking failed</h1><p>${escapeHtml(String(out.error_description ?? out.error))}</p><p>Please start again from the Alexa app.</p></main>` });
    },
  };
  const provider = new Provider(issuer, configuration);
  // The router hands the library the configured public origin (host and X-Forwarded-Proto, never the
  // caller's), so behind a TLS-terminating proxy its URLs are https while the socket is http.
  provider.proxy = true;
  return provider;
}

/**
 * Mints a real access token for a customer, as the token endpoint would after a completed linking:
 * for Alexa account linking, or (with `resource`) bound to one of the assistants' resources.
 * For tests and tools that need a linked user without walking through the browser flow.
 */
export async function issueAccessToken(provider: Provider, config: Config, customerId: Types.ObjectId, resource?: string): Promise<string> {
  const client = await provider.Client.find(config.ALEXA_OAUTH_CLIENT_ID);
  if (!client) throw new Error(`OAuth client ${config.ALEXA_OAUTH_CLIENT_ID} is not configured`);
  const accountId = customerId.toHexString();
  const grant = new provider.Grant({ accountId, clientId: client.clientId });
  grant.addOIDCScope(ALEXA_SCOPE);
  if (resource) grant.addResourceScope(resource, SHOP_SCOPE);
  const grantId = await grant.save();
  const token = new provider.AccessToken({ accountId, client, grantId, gty: 'authorization_code', scope: resource ? SHOP_SCOPE : ALEXA_SCOPE, ...(resource ? { aud: resource } : {}) });
  return token.save();
}
