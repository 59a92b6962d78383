import assert from 'node:assert/strict';
import type { Express } from 'express';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { UnauthorizedError, type OAuthClientProvider } from '@modelcontextprotocol/sdk/client/auth.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { OAuthClientInformationMixed, OAuthClientMetadata, OAuthTokens } from '@modelcontextprotocol/sdk/shared/auth.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import request from 'supertest';

/** An assistant's OAuth state, kept in memory as a real MCP client keeps it on disk. */
export class AssistantAuth implements OAuthClientProvider {
  authorizationUrl: URL | undefined;
  private client: OAuthClientInformationMixed | undefined;
  private saved: OAuthTokens | undefined;
  private verifier = '';

  constructor(readonly redirectUrl = 'http://127.0.0.1:9/oauth/callback') {}

  get clientMetadata(): OAuthClientMetadata {
    return { client_name: 'Test assistant', redirect_uris: [this.redirectUrl], grant_types: ['authorization_code'], response_types: ['code'], token_endpoint_auth_method: 'none' };
  }
  clientInformation() {
    return this.client;
  }
  saveClientInformation(info: OAuthClientInformationMixed) {
    this.client = info;
  }
  tokens() {
    return this.saved;
  }
  saveTokens(tokens: OAuthTokens) {
    this.saved = tokens;
  }
  redirectToAuthorization(url: URL) {
    this.authorizationUrl = url;
  }
  saveCodeVerifier(verifier: string) {
    this.verifier = verifier;
  }
  codeVerifier() {
    return this.verifier;
  }
}

const pathOf = (location: string) => {
  const url = new URL(location, 'http://127.0.0.1');
  return `${url.pathname}${url.search}`;
};

/**
 * The shopper's part of the authorization: open the authorization URL the client was sent to, sign in
 * with a link code from chat, and follow the server back to the client's redirect URI. Returns the code.
 */
export async function signInAtAuthorizationUrl(app: Express, authorizationUrl: URL, linkCode: string): Promise<string> {
  const browser = request.agent(app);
  const start = await browser.get(pathOf(authorizationUrl.href));
  assert.equal(start.status, 303, start.text);
  const page = await browser.get(pathOf(start.headers.location!));
  assert.equal(page.status, 200, page.text);
  const action = /<form method="post" action="([^"]+\/login)">/.exec(page.text)![1]!;
  const posted = await browser.post(action).type('form').send({ code: linkCode });
  assert.equal(posted.status, 303, posted.text);
  const resumed = await browser.get(pathOf(posted.headers.location!));
  assert.equal(resumed.status, 303, resumed.text);
  const back = new URL(resumed.headers.location!);
  const code = back.searchParams.get('code');
  assert.ok(code, `no code in ${back.origin}${back.pathname}: ${back.searchParams.get('error') ?? ''}`);
  return code;
}

/**
 * An MCP client (the SDK's own) signed in as the customer who gave `linkCode`: it meets the 401,
 * discovers our metadata, registers itself, and runs the authorization-code flow with PKCE.
 */
export async function connectAssistant(app: Express, mcpUrl: URL, linkCode: string): Promise<{ client: Client; auth: AssistantAuth }> {
  const auth = new AssistantAuth();
  const first = new StreamableHTTPClientTransport(mcpUrl, { authProvider: auth });
  await assert.rejects(new Client({ name: 'test-assistant', version: '1.0.0' }).connect(first), UnauthorizedError);
  assert.ok(auth.authorizationUrl, 'the client was sent to our authorization endpoint');
  await first.finishAuth(await signInAtAuthorizationUrl(app, auth.authorizationUrl, linkCode));
  return { client: await connectWith(mcpUrl, auth), auth };
}

export async function connectWith(mcpUrl: URL, auth: OAuthClientProvider): Promise<Client> {
  const client = new Client({ name: 'test-assistant', version: '1.0.0' });
  await client.connect(new StreamableHTTPClientTransport(mcpUrl, { authProvider: auth }));
  return client;
}

/** What a tool answered, read by the tests' assertions (the client already checked it against the tool's output schema). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON the assertions walk, like a supertest body
export type ToolData = Record<string, any>;

/** A tool call's structured content, or its error as `{ error }`. */
export async function callTool(client: Client, name: string, args: Record<string, unknown> = {}): Promise<{ isError: boolean; data: ToolData }> {
  const result = (await client.callTool({ name, arguments: args })) as CallToolResult;
  const text = result.content[0]?.type === 'text' ? result.content[0].text : '';
  // The text fallback carries the same facts as the structured content, and a refusal's `{ error }`.
  assert.deepEqual(JSON.parse(text), result.structuredContent ?? JSON.parse(text));
  return { isError: result.isError === true, data: (result.isError ? JSON.parse(text) : result.structuredContent) as ToolData };
}

/** A service token for `resource` (client credentials, as Alexa+ gets one for an add-on), from a client registered at /oauth/reg. */
export async function serviceToken(app: Express, resource: string): Promise<string> {
  const registered = await request(app).post('/oauth/reg').send({ client_name: 'Alexa+ add-on', grant_types: ['client_credentials'], response_types: [], redirect_uris: [], token_endpoint_auth_method: 'client_secret_basic' });
  assert.equal(registered.status, 201, registered.text);
  const issued = await request(app).post('/oauth/token').auth(registered.body.client_id, registered.body.client_secret).type('form').send({ grant_type: 'client_credentials', resource, scope: 'shop' });
  assert.equal(issued.status, 200, issued.text);
  return issued.body.access_token as string;
}
