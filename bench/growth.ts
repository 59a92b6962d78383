/**
 * The growth section: each hot turn timed one at a time by one client, with the large collections at
 * a small size and again at a large one (filled by bench/filler.ts), so the ratio shows whether a
 * turn's cost grows with the shop's data. Each size also profiles one of each turn: the database
 * commands it sent (driver command monitoring in the app process), their time, and for the slowest,
 * what FerretDB's explain says it pushed down to PostgreSQL.
 */
import mongoose from 'mongoose';
import { loadConfig } from '../src/config';
import { enUS } from '../src/conversation/locales/en-US';
import { metaSignature } from '../test/support/meta-webhooks';
import type { RecordedCommand } from './servers';
import { ALEXA_TURNS, linkedShoppers, signedAlexaRequest, speechOf, type LinkedShopper } from './support/alexa-requests';
import type { FakeApi } from './support/fake-api';
import type { ServerProcess } from './support/processes';
import { round, summarize, type LatencySummary } from './support/stats';
import type { FillResult } from './filler';

export const GROWTH_TURNS = ['add to cart', 'checkout read-back', 'the yes (order placed)', 'reorder (read-back)', 'order status', 'webhook acknowledgement'] as const;
export type GrowthTurn = (typeof GROWTH_TURNS)[number];

/** The Alexa turns of a round, in the order a shopper says them; the webhook comes last. */
const ALEXA_GROWTH_TURNS: [GrowthTurn, object][] = [
  ['add to cart', ALEXA_TURNS.addToCart],
  ['checkout read-back', ALEXA_TURNS.checkout],
  ['the yes (order placed)', ALEXA_TURNS.confirm],
  ['reorder (read-back)', ALEXA_TURNS.reorder],
  ['order status', ALEXA_TURNS.orderStatus],
];

export interface ProfiledCommand {
  name: string;
  collection: string;
  ms: number;
  /** The filter (or the first update/delete's), sort and limit as sent. */
  shape: string;
  /** What FerretDB's explain reports as pushed down (filterPushdown, sortPushdown, limitPushdown ...). */
  pushdown?: string;
}

export interface TurnProfile {
  commands: number;
  databaseMs: number;
  /** Commands per `collection.command`, in the order first sent. */
  byCollection: { command: string; count: number; ms: number }[];
  /** The slowest commands of the turn, explained. */
  slowest: ProfiledCommand[];
}

export interface GrowthTurnResult {
  turn: GrowthTurn;
  latency: LatencySummary;
  /** Samples answered with the outage apology (or a non-200): their time is not the turn's. */
  failedSamples: number;
  profile: TurnProfile;
  /** What the shopper heard (Alexa) or the status the platform got (webhook), from the profiled sample. */
  answer: string;
}

export interface GrowthSize {
  fill: FillResult;
  turns: GrowthTurnResult[];
}

export interface GrowthOptions {
  app: ServerProcess;
  fakeApi: FakeApi;
  samples: number;
  /** A turn is sampled at most this long (at least 3 samples), so a turn that scans cannot stretch the run. */
  secondsPerTurn: number;
  label: string;
}

async function post(url: string, request: { body: string; headers: Record<string, string> }): Promise<{ ms: number; status: number; body: string }> {
  const started = process.hrtime.bigint();
  const response = await fetch(url, { method: 'POST', body: request.body, headers: request.headers });
  const body = await response.text();
  return { ms: Number(process.hrtime.bigint() - started) / 1e6, status: response.status, body };
}

/** The shape of a command's query, for the report: what it filtered, sorted and limited on. */
function shapeOf(command: Record<string, unknown>): { shape: string; explainable: boolean } {
  const updates = (command.updates ?? command.deletes) as { q?: unknown }[] | undefined;
  const filter = command.filter ?? command.query ?? command.q ?? updates?.[0]?.q ?? (command.pipeline as { $match?: unknown }[] | undefined)?.[0]?.$match;
  const parts = [filter !== undefined ? `filter ${JSON.stringify(filter)}` : '', command.sort ? `sort ${JSON.stringify(command.sort)}` : '', command.limit ? `limit ${String(command.limit)}` : ''].filter(Boolean);
  const explainable = ['find', 'count', 'aggregate', 'update', 'delete', 'findAndModify', 'distinct'].some((name) => name in command);
  return { shape: parts.join(', ').replace(/\{"\$oid":"[0-9a-f]+"\}/g, 'ObjectId').replace(/\{"\$date":"[^"]+"\}/g, 'Date').slice(0, 200), explainable };
}

/** FerretDB reports what it pushed down to PostgreSQL as top-level explain fields; MongoDB has none of them. */
async function pushdownOf(command: Record<string, unknown>): Promise<string> {
  try {
    const explained = await mongoose.connection.db!.command({ explain: command, verbosity: 'queryPlanner' });
    const flags = Object.entries(explained).filter(([key]) => /pushdown/i.test(key));
    return flags.length > 0 ? flags.map(([key, value]) => `${key}: ${String(value)}`).join(', ') : 'no pushdown fields (not FerretDB)';
  } catch (error) {
    return `explain failed: ${(error as Error).message.slice(0, 80)}`;
  }
}

async function profileOf(commands: RecordedCommand[]): Promise<TurnProfile> {
  const byCollection = new Map<string, { count: number; ms: number }>();
  for (const command of commands) {
    const key = `${command.collection}.${command.name}`;
    const seen = byCollection.get(key) ?? { count: 0, ms: 0 };
    byCollection.set(key, { count: seen.count + 1, ms: round(seen.ms + command.ms) });
  }
  const slowest: ProfiledCommand[] = [];
  for (const command of [...commands].sort((a, b) => b.ms - a.ms).slice(0, 3)) {
    const { EJSON } = mongoose.mongo.BSON;
    const sent = EJSON.parse(command.command, { relaxed: false }) as Record<string, unknown>;
    const { shape, explainable } = shapeOf(JSON.parse(EJSON.stringify(sent, { relaxed: true })) as Record<string, unknown>);
    slowest.push({ name: command.name, collection: command.collection, ms: command.ms, shape, ...(explainable ? { pushdown: await pushdownOf(sent) } : {}) });
  }
  return {
    commands: commands.length,
    databaseMs: round(commands.reduce((sum, command) => sum + command.ms, 0), 1),
    byCollection: [...byCollection.entries()].map(([command, { count, ms }]) => ({ command, count, ms })),
    slowest,
  };
}

const FAILURES = new Set([enUS.errors.INTERNAL, enUS.errors.DATABASE_UNAVAILABLE]);

function isFailure(answer: string): boolean {
  return FAILURES.has(answer) || answer.startsWith('HTTP 5') || answer.startsWith('HTTP 4') || answer.includes('not sent');
}

function messengerWebhook(psid: string, mid: string, text: string, secret: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify({ object: 'page', entry: [{ id: 'PAGE-1', time: Date.now(), messaging: [{ sender: { id: psid }, recipient: { id: 'PAGE-1' }, timestamp: Date.now(), message: { mid, text } }] }] });
  return { body, headers: { 'content-type': 'application/json', 'x-hub-signature-256': metaSignature(body, secret) } };
}

/**
 * One round of the six turns for one linked Alexa shopper and one Messenger customer. Returns each
 * turn's latency and answer; the webhook's reply is waited for, so its turn does not overlap the next.
 */
async function round6(options: GrowthOptions, shopper: LinkedShopper, psid: string, n: number, secret: string): Promise<{ turn: GrowthTurn; ms: number; answer: string }[]> {
  const alexaUrl = `${options.app.url}/alexa`;
  const results: { turn: GrowthTurn; ms: number; answer: string }[] = [];
  for (const [turn, request] of ALEXA_GROWTH_TURNS) {
    const response = await post(alexaUrl, signedAlexaRequest(shopper, request, options.fakeApi.url));
    results.push({ turn, ms: response.ms, answer: response.status === 200 ? speechOf(response.body) : `HTTP ${response.status}` });
  }
  const replied = options.fakeApi.nextMessageTo(psid, 30_000);
  const ack = await post(`${options.app.url}/messenger`, messengerWebhook(psid, `m_growth_${options.label}_${n}`, 'what is in my cart', secret));
  results.push({ turn: 'webhook acknowledgement', ms: ack.ms, answer: `HTTP ${ack.status}, reply ${(await replied) ? 'sent' : 'not sent within 30 s'}` });
  // The worker finishes the turn (marks the event done, releases the lane) before the next round starts.
  await options.app.ask({ type: 'drain' });
  return results;
}

export async function measureGrowth(options: GrowthOptions, fill: FillResult): Promise<GrowthSize> {
  const secret = loadConfig({ NODE_ENV: 'development', LOG_LEVEL: 'silent' }).META_APP_SECRET!;
  // A shopper per size: the daily spending limit would refuse a shopper ordering all day.
  const [shopper] = await linkedShoppers(1, `growth${options.label}`);
  const psid = `PSID-growth-${options.label}-${Date.now().toString(36)}`;
  let n = 0;
  // Warm-up (connection pools, caches, JIT), not measured.
  for (let i = 0; i < 2; i++) await round6(options, shopper!, psid, n++, secret);

  const samples = new Map<GrowthTurn, number[]>(GROWTH_TURNS.map((turn) => [turn, []]));
  const failed = new Map<GrowthTurn, number>(GROWTH_TURNS.map((turn) => [turn, 0]));
  const started = Date.now();
  const budgetMs = options.secondsPerTurn * 1000 * GROWTH_TURNS.length;
  for (let i = 0; i < options.samples && (i < 3 || Date.now() - started < budgetMs); i++) {
    for (const { turn, ms, answer } of await round6(options, shopper!, psid, n++, secret)) {
      samples.get(turn)!.push(ms);
      if (isFailure(answer)) failed.set(turn, failed.get(turn)! + 1);
    }
  }

  // One more round, each request's commands recorded by the app.
  const profiles = new Map<GrowthTurn, { commands: RecordedCommand[]; answer: string }>();
  const alexaUrl = `${options.app.url}/alexa`;
  for (const [turn, request] of ALEXA_GROWTH_TURNS) {
    const recorded = options.app.ask<RecordedCommand[]>({ type: 'record-next-request' });
    const response = await post(alexaUrl, signedAlexaRequest(shopper!, request, options.fakeApi.url));
    profiles.set(turn, { commands: await recorded, answer: speechOf(response.body) });
  }
  const replied = options.fakeApi.nextMessageTo(psid, 30_000);
  const recorded = options.app.ask<RecordedCommand[]>({ type: 'record-next-request' });
  const ack = await post(`${options.app.url}/messenger`, messengerWebhook(psid, `m_growth_${options.label}_${n}`, 'what is in my cart', secret));
  profiles.set('webhook acknowledgement', { commands: await recorded, answer: `HTTP ${ack.status}` });
  await replied;
  await options.app.ask({ type: 'drain' });

  const turns: GrowthTurnResult[] = [];
  for (const turn of GROWTH_TURNS) {
    const profiled = profiles.get(turn)!;
    turns.push({ turn, latency: summarize(samples.get(turn)!), failedSamples: failed.get(turn)!, profile: await profileOf(profiled.commands), answer: profiled.answer.slice(0, 160) });
  }
  return { fill, turns };
}
