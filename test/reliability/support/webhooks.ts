import { createHash, randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import http, { type Server } from 'node:http';
import twilio from 'twilio';
import type { Express } from 'express';
import { alexaEnvelope, CHAIN_URLS, intent } from '../../support/alexa-requests';
import { signBody } from '../../support/alexa-signing';
import { stockForLoad } from './checks';
import { freshDemoStore } from '../../support/commerce';
import { testConfig } from '../../support/config';
import { metaSignature, whatsappWebhook } from '../../support/meta-webhooks';

export const config = testConfig();

export interface RawRequest {
  /** POST unless said otherwise. */
  method?: string;
  body: Buffer;
  headers: Record<string, string>;
  /** A query string (with its `?`) where the platform signs there, as WeChat does. */
  query?: string;
}

/** Where a platform puts its proof: headers, or the query string. */
export interface Credentials {
  headers?: Record<string, string>;
  query?: string;
}

/** One webhook as a platform calls it: a valid body, how it is signed, and where a mutation makes it invalid. */
export interface Webhook {
  name: string;
  path: string;
  contentType: string;
  /** A valid inbound message from `userId` saying `text`, as the platform sends it. */
  validBody(userId: string, text: string): unknown;
  /** Serialises a body as the platform does (JSON, or a form for Twilio). */
  encode(body: unknown): Buffer;
  /** The platform's signature (or shared secret) for exactly these bytes. */
  sign(raw: Buffer, body: unknown): Credentials;
  /** Wrong credentials, for schemes whose proof does not cover the body (a shared secret, WeChat's query signature). */
  forge?(): Credentials;
  /** Values of the wrong type for this format (XML has no numbers or booleans, only text and elements). */
  wrongValues?: unknown[];
  /** Paths (dot-separated) whose value our schema checks: a wrong type there must be refused, not ignored. */
  validatedPaths: string[];
}

const metaSign = (raw: Buffer): Credentials => ({ headers: { 'x-hub-signature-256': metaSignature(raw, config.META_APP_SECRET!) } });
const json = (body: unknown) => Buffer.from(JSON.stringify(body));
const uniqueId = () => randomBytes(8).toString('hex');

const messengerBody = (object: 'page' | 'instagram') => (userId: string, text: string) => ({
  object,
  entry: [{ id: 'PAGE-1', time: Date.now(), messaging: [{ sender: { id: userId }, recipient: { id: 'PAGE-1' }, timestamp: Date.now(), message: { mid: `m_${uniqueId()}`, text } }] }],
});
const messengerPaths = ['object', 'entry', 'entry.0.messaging', 'entry.0.messaging.0.sender', 'entry.0.messaging.0.sender.id', 'entry.0.messaging.0.message.mid', 'entry.0.messaging.0.message.text'];

const smsUrl = new URL('/sms', config.PUBLIC_BASE_URL).toString();

export const WEBHOOKS: Webhook[] = [
  {
    name: 'alexa',
    path: '/alexa',
    contentType: 'application/json',
    validBody: (userId, text) => alexaEnvelope(intent('AddToCartIntent', { product: text, quantity: '1' }), { userId }),
    encode: json,
    sign: (raw) => ({ headers: { signaturecertchainurl: CHAIN_URLS.valid, 'signature-256': signBody(raw) } }),
    validatedPaths: ['version', 'context', 'context.System', 'context.System.user', 'context.System.user.userId', 'context.System.application.applicationId', 'request', 'request.type', 'request.requestId', 'request.timestamp'],
  },
  {
    name: 'messenger',
    path: '/messenger',
    contentType: 'application/json',
    validBody: messengerBody('page'),
    encode: json,
    sign: metaSign,
    validatedPaths: messengerPaths,
  },
  {
    name: 'instagram',
    path: '/messenger',
    contentType: 'application/json',
    validBody: messengerBody('instagram'),
    encode: json,
    sign: metaSign,
    validatedPaths: messengerPaths,
  },
  {
    name: 'whatsapp',
    path: '/whatsapp',
    contentType: 'application/json',
    validBody: (userId, text) => whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from: userId, name: 'Fuzz', message: { id: `wamid.${uniqueId()}`, type: 'text', text: { body: text } } }),
    encode: json,
    sign: metaSign,
    validatedPaths: ['object', 'entry', 'entry.0.changes', 'entry.0.changes.0.value.messaging_product', 'entry.0.changes.0.value.messages', 'entry.0.changes.0.value.messages.0.id', 'entry.0.changes.0.value.messages.0.from', 'entry.0.changes.0.value.messages.0.type', 'entry.0.changes.0.value.messages.0.text.body'],
  },
  {
    name: 'sms',
    path: '/sms',
    contentType: 'application/x-www-form-urlencoded',
    validBody: (userId, text) => ({ MessageSid: `SM${uniqueId()}${uniqueId()}`, AccountSid: config.TWILIO_ACCOUNT_SID, From: userId, To: config.TWILIO_FROM, Body: text, NumMedia: '0' }),
    encode: (body) => Buffer.from(new URLSearchParams(body as Record<string, string>).toString()),
    sign: (_raw, body) => ({ headers: { 'x-twilio-signature': twilio.getExpectedTwilioSignature(config.TWILIO_AUTH_TOKEN!, smsUrl, formFields(body)) } }),
    validatedPaths: ['MessageSid', 'From', 'To', 'Body', 'AccountSid'],
  },
  {
    name: 'google',
    path: '/google',
    contentType: 'application/json',
    validBody: (userId, text) => ({
      responseId: `response-${uniqueId()}`,
      session: `projects/shop/agent/sessions/${userId}`,
      queryResult: { queryText: text, parameters: { product: 'COF-001', quantity: 1 }, outputContexts: [], intent: { displayName: 'AddToCartIntent' }, languageCode: 'en' },
      originalDetectIntentRequest: { source: 'google', payload: {} },
    }),
    encode: json,
    sign: () => ({ headers: { 'x-webhook-secret': config.GOOGLE_WEBHOOK_SECRET! } }),
    forge: () => ({ headers: { 'x-webhook-secret': 'not-the-webhook-secret' } }),
    // Not outputContexts: an empty list is a valid value there, so replacing it with [] is no attack.
    validatedPaths: ['responseId', 'session', 'queryResult', 'queryResult.queryText', 'queryResult.intent', 'queryResult.intent.displayName'],
  },
  {
    name: 'wechat',
    path: '/wechat',
    contentType: 'text/xml',
    validBody: (userId, text) => ({ ToUserName: 'gh_shop', FromUserName: userId, CreateTime: String(Math.floor(Date.now() / 1000)), MsgType: 'text', Content: text, MsgId: String(Date.now()) + String(Math.floor(Math.random() * 1e6)) }),
    encode: (body) => Buffer.from(`<xml>${xmlElements(body as Record<string, unknown>)}</xml>`),
    // WeChat names the sender in the signed query too; our router requires it to be FromUserName.
    sign: (_raw, body) => ({ query: wechatQuery(config.WECHAT_TOKEN!, openIdOf(body)) }),
    forge: () => ({ query: wechatQuery('not-the-wechat-token') }),
    // Not an empty element: it reads as empty text, which is a (dull) valid message.
    wrongValues: [{ $gt: '' }, { a: { b: 'c' } }, ['first', 'second']],
    validatedPaths: ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content', 'MsgId'],
  },
  {
    name: 'webchat',
    path: '/webchat',
    contentType: 'application/json',
    validBody: (_userId, text) => ({ messageId: `msg-${uniqueId()}`, text }),
    encode: json,
    sign: () => ({ headers: { authorization: `Bearer ${webchatToken}` } }),
    forge: () => ({ headers: { authorization: 'Bearer not-a-web-chat-token' } }),
    validatedPaths: ['messageId', 'text'],
  },
];

/** The text of a TwiML answer's messages, unescaped: what an SMS shopper reads. */
export const messagesOf = (twiml: string): string[] => [...twiml.matchAll(/<Message>([\s\S]*?)<\/Message>/g)].map((match) => match[1]!.replace(/&apos;/g, "'").replace(/&quot;/g, '"').replace(/&amp;/g, '&'));

/** A web chat session token: the web chat "signature". Tests start a session first (`startWebchatSession`). */
let webchatToken = '';

export async function startWebchatSession(baseUrl: string): Promise<void> {
  const answer = await post(baseUrl, '/webchat/sessions', { body: Buffer.from('{}'), headers: { 'content-type': 'application/json' } });
  webchatToken = (JSON.parse(answer.text) as { token: string }).token;
}

/** WeChat signs the sorted token, timestamp and nonce, in the query; the body is not covered. */
export function wechatQuery(token: string, openid?: string): string {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = uniqueId();
  const signature = createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
  return `?${new URLSearchParams({ signature, timestamp, nonce, ...(openid === undefined ? {} : { openid }) }).toString()}`;
}

/** The sender a WeChat body names, when it names one as text (a fuzzed body may put anything there). */
function openIdOf(body: unknown): string {
  const from = (body as { FromUserName?: unknown } | null)?.FromUserName;
  return typeof from === 'string' && from !== '' ? from : 'fuzz-user';
}

/** Text as CDATA, objects as nested elements, arrays as repeated elements: how a hostile XML body is built. */
function xmlElements(fields: Record<string, unknown>): string {
  return Object.entries(fields)
    .flatMap(([name, value]) => (Array.isArray(value) ? value.map((item) => [name, item] as const) : [[name, value] as const]))
    .map(([name, value]) => `<${name}>${value !== null && typeof value === 'object' ? xmlElements(value as Record<string, unknown>) : `<![CDATA[${String(value)}]]>`}</${name}>`)
    .join('');
}

/** A request as the platform would send it: these bytes, this content type, and valid credentials. */
export function signedRequest(webhook: Webhook, raw: Buffer, body: unknown, contentType = webhook.contentType): RawRequest {
  const { headers = {}, query } = webhook.sign(raw, body);
  return { body: raw, headers: { 'content-type': contentType, ...headers }, query };
}

/** What Twilio signs: every posted field (a repeated field with all its values). */
function formFields(body: unknown): Record<string, string | string[]> {
  return body && typeof body === 'object' ? (body as Record<string, string | string[]>) : {};
}

/** The app on a real loopback port, so hostile bytes reach it exactly as sent. */
export async function listen(app: Express): Promise<{ baseUrl: string; close(): Promise<void> }> {
  const server: Server = await new Promise((resolve) => {
    const started = app.listen(0, '127.0.0.1', () => resolve(started));
  });
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });

/** A plain node:http POST (fetch under nock does not pass raw buffers through unchanged). */
export function post(baseUrl: string, path: string, request: RawRequest, retried = false): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const outgoing = http.request(`${baseUrl}${path}${request.query ?? ''}`, { method: request.method ?? 'POST', agent, headers: { ...request.headers, 'content-length': String(request.body.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      response.on('error', reject);
    });
    outgoing.on('error', (error: NodeJS.ErrnoException) => {
      // A kept-alive socket the server closed as idle just as we reused it: Node's documentation advises
      // sending again on a fresh socket (and a webhook that did get through is deduplicated by its id).
      if (outgoing.reusedSocket && error.code === 'ECONNRESET' && !retried) post(baseUrl, path, request, true).then(resolve, reject);
      else reject(error);
    });
    outgoing.end(request.body);
  });
}

export function get(baseUrl: string, path: string): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(`${baseUrl}${path}`, { agent }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      })
      .on('error', reject);
  });
}

/**
 * A fresh demo store stocked for load, and the app listening on loopback for the suite's duration.
 * Call it in a describe body; `baseUrl` is ready once the suite's before hooks have run.
 */
export function useLoadTestServer(app: Express): { readonly baseUrl: string } {
  let server: Awaited<ReturnType<typeof listen>> | undefined;
  before(async () => {
    await freshDemoStore();
    await stockForLoad();
    server = await listen(app);
  });
  after(() => server?.close());
  return {
    get baseUrl(): string {
      if (!server) throw new Error('useLoadTestServer: the server starts in the suite’s before hook');
      return server.baseUrl;
    },
  };
}
