import { signBody } from '../../support/alexa-signing';
import { config, signedRequest, wechatQuery, type RawRequest, type Webhook } from './webhooks';

/** Values of the wrong type for any field we validate: operators, pollution, containers, scalars. */
const WRONG_VALUES: unknown[] = [
  42,
  -1,
  1e308,
  true,
  null,
  [],
  ['a', 'b'],
  { $gt: '' },
  { $ne: null },
  { $where: 'sleep(1000)' },
  { $regex: '.*' },
  { __proto__: { polluted: true } },
  { constructor: { prototype: { polluted: true } } },
];

const WRONG_CONTENT_TYPES = ['text/plain', 'application/xml', 'multipart/form-data; boundary=xyz', 'application/json; charset=utf-16', 'application/octet-stream', ''];

/** XML may come as text/xml or application/xml; neither is a wrong type for an XML endpoint. */
const sameFamily = (type: string, expected: string) => type === expected || (type.endsWith('/xml') && expected.endsWith('/xml'));

const INVALID_UTF8 = [Buffer.from([0xc3, 0x28]), Buffer.from([0xff, 0xfe, 0xfd]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf8, 0x88, 0x80, 0x80, 0x80]), Buffer.from([0xe2, 0x82])];

export type HostileKind = 'wrong-type' | 'operator-in-id' | 'deep-nesting' | 'huge-body' | 'invalid-utf8' | 'wrong-content-type' | 'not-json' | 'bad-signature' | 'no-signature' | 'known-attack';
/** Huge bodies are few (each costs a megabyte or more on the wire); every other kind is equally likely. */
const KINDS: HostileKind[] = [
  ...Array.from({ length: 5 }, () => ['wrong-type', 'operator-in-id', 'deep-nesting', 'invalid-utf8', 'wrong-content-type', 'not-json', 'bad-signature', 'no-signature', 'known-attack'] as const).flat(),
  'huge-body',
];

function setPath(target: unknown, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys.at(-1)!] = value;
}

function deepNest(depth: number, leaf: unknown): string {
  return '['.repeat(depth) + JSON.stringify(leaf) + ']'.repeat(depth);
}

const pick = <T>(random: () => number, items: readonly T[]): T => items[Math.floor(random() * items.length)]!;

/**
 * One hostile request for a webhook. Every kind is invalid by construction (a wrong type where the
 * schema checks, bytes that are not what the platform sends, or a signature that does not match),
 * so any of them reaching the database is a bug, not a fuzzing accident.
 */
export function hostileRequest(webhook: Webhook, random: () => number, index: number): { kind: HostileKind; request: RawRequest } {
  const kind = KINDS[index % KINDS.length]!;
  const body = webhook.validBody(`fuzz-user-${index}`, 'add a coffee');
  const signed = (raw: Buffer, contentType = webhook.contentType): RawRequest => signedRequest(webhook, raw, body, contentType);
  const isForm = webhook.contentType === 'application/x-www-form-urlencoded';

  switch (kind) {
    case 'wrong-type': {
      if (isForm) return { kind, request: signedForm(webhook, body, random) };
      setPath(body, pick(random, webhook.validatedPaths), pick(random, webhook.wrongValues ?? WRONG_VALUES));
      return { kind, request: signed(webhook.encode(body)) };
    }
    case 'operator-in-id': {
      if (isForm) return { kind, request: signedForm(webhook, body, random) };
      const idPaths = webhook.validatedPaths.filter((path) => /id|from|user/i.test(path));
      setPath(body, pick(random, idPaths.length > 0 ? idPaths : webhook.validatedPaths), pick(random, [{ $gt: '' }, { $ne: null }, { $in: ['a'] }, { $exists: true }]));
      return { kind, request: signed(webhook.encode(body)) };
    }
    case 'deep-nesting': {
      const depth = 1_000 + Math.floor(random() * 50_000);
      if (isForm) return { kind, request: signed(Buffer.from(`Body=${'%5B'.repeat(depth)}&From[${'a]['.repeat(200)}]=1`)) };
      const path = pick(random, webhook.validatedPaths);
      const marker = '"__DEEP__"';
      setPath(body, path, '__DEEP__');
      return { kind, request: signed(Buffer.from(JSON.stringify(body).replace(marker, deepNest(depth, 1)))) };
    }
    case 'huge-body': {
      const size = random() < 0.9 ? 1_100_000 + Math.floor(random() * 500_000) : 6_000_000;
      const raw = isForm ? Buffer.from(`Body=${'x'.repeat(size)}`) : Buffer.from(JSON.stringify({ ...(body as object), padding: 'x'.repeat(size) }));
      return { kind, request: random() < 0.5 ? signed(raw) : { body: raw, headers: { 'content-type': webhook.contentType } } };
    }
    case 'invalid-utf8': {
      const raw = webhook.encode(body);
      const text = isForm ? raw.toString().replace('Body=add', 'Body=%C3%28add') : raw.toString();
      const at = text.indexOf('add a coffee');
      const bytes = isForm && random() < 0.5 ? Buffer.from(text) : Buffer.concat([Buffer.from(text.slice(0, at)), pick(random, INVALID_UTF8), Buffer.from(text.slice(at))]);
      return { kind, request: signed(bytes) };
    }
    case 'wrong-content-type':
      return { kind, request: signed(webhook.encode(body), pick(random, WRONG_CONTENT_TYPES.filter((type) => !sameFamily(type, webhook.contentType)))) };
    case 'not-json': {
      const valid = webhook.encode(body).toString();
      const raw = pick(random, [valid.slice(0, Math.floor(valid.length * random())), '{"object":', 'undefined', '\u0000\u0001\u0002', '<xml/>', '{"a":1}{"b":2}', 'NaN']);
      return { kind, request: isForm ? signed(Buffer.from(`${raw}&MessageSid`)) : signed(Buffer.from(raw)) };
    }
    case 'bad-signature': {
      const raw = webhook.encode(body);
      const { headers = {}, query } = webhook.forge?.() ?? webhook.sign(Buffer.concat([raw, Buffer.from(' ')]), { ...(body as object), tampered: '1' });
      return { kind, request: { body: raw, headers: { 'content-type': webhook.contentType, ...headers }, query } };
    }
    case 'no-signature':
      return { kind, request: { body: webhook.encode(body), headers: { 'content-type': webhook.contentType } } };
    case 'known-attack':
      // Channels with no attack of their own here get a wrong type instead (KINDS[0]).
      return { kind, request: knownAttack(webhook, body, random) ?? hostileRequest(webhook, random, 0).request };
  }
}

/**
 * The attacks of issue 16 that must be refused without a write: a WeChat body with prototype element
 * names, without `openid` or with another sender's; an Alexa certificate URL with percent-encoding in
 * its path. (A replayed WeChat (timestamp, nonce) needs a first, valid use, which writes: it is tested in
 * test/security/wechat-replay.test.ts.)
 */
function knownAttack(webhook: Webhook, body: unknown, random: () => number): RawRequest | null {
  if (webhook.name === 'wechat') {
    const raw = webhook.encode(body).toString();
    const headers = { 'content-type': webhook.contentType };
    const element = pick(random, ['__proto__', 'constructor', 'prototype']);
    const from = (body as { FromUserName: string }).FromUserName;
    return pick(random, [
      { body: Buffer.from(raw.replace('</xml>', `<${element}><MsgType>event</MsgType></${element}></xml>`)), headers, query: wechatQuery(config.WECHAT_TOKEN!, from) },
      { body: Buffer.from(raw), headers, query: wechatQuery(config.WECHAT_TOKEN!) },
      { body: Buffer.from(raw), headers, query: wechatQuery(config.WECHAT_TOKEN!, `${from}-someone-else`) },
    ]);
  }
  if (webhook.name === 'alexa') {
    const raw = webhook.encode(body);
    const certUrl = pick(random, ['https://s3.amazonaws.com/echo.api/%65cho-api-cert-test.pem', 'https://s3.amazonaws.com/echo.api/echo-api-cert-test%2Epem', 'https://s3.amazonaws.com/%65cho.api/echo-api-cert-test.pem', `https://s3.amazonaws.com/echo.api/%${Math.floor(random() * 256).toString(16).padStart(2, '0')}.pem`]);
    return { body: raw, headers: { 'content-type': webhook.contentType, signaturecertchainurl: certUrl, 'signature-256': signBody(raw) } };
  }
  return null;
}

/** Forms carry strings only: hostility there is repeated fields, bracketed keys, missing or oversized fields. */
function signedForm(webhook: Webhook, body: unknown, random: () => number): RawRequest {
  const key = pick(random, webhook.validatedPaths);
  const valid: [string, string][] = Object.entries(body as Record<string, string>);
  const without = valid.filter(([name]) => name !== key);
  const variants: [string, string][][] = [
    [...valid, [key, 'second']],
    [...without, [`${key}[$gt]`, '']],
    without,
    valid.map(([name, value]) => [name, name === key ? 'y'.repeat(10_001 + Math.floor(random() * 20_000)) : value]),
  ];
  const pairs = pick(random, variants);
  // What Twilio would sign: each field with all its values.
  const params: Record<string, string | string[]> = {};
  for (const [name, value] of pairs) {
    const previous = params[name];
    params[name] = previous === undefined ? value : [...[previous].flat(), value];
  }
  const raw = Buffer.from(new URLSearchParams(pairs).toString());
  return signedRequest(webhook, raw, params);
}
