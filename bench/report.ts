import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AlexaResult } from './alexa';
import { GROWING_COLLECTIONS } from './filler';
import type { GrowthSize, GrowthTurnResult, TurnProfile } from './growth';
import type { MatchingResult } from './matching';
import { REPLY_DEADLINE_MS, type MessagingResult } from './messaging';
import type { CpuSummary } from './support/cpu-profile';
import type { LoadResult } from './support/load';
import { round, type MachineInfo } from './support/stats';

export interface BenchmarkResults {
  date: string;
  quick: boolean;
  durationS: number;
  machine: MachineInfo;
  /** 1-minute load average of the machine when the run started and when it ended. */
  loadAverage: { start: number; end: number };
  growth: { small: GrowthSize; large: GrowthSize };
  alexa: AlexaResult;
  messaging: MessagingResult;
  matching: MatchingResult;
}

export interface GoalCheck {
  figure: string;
  goal: string;
  result: string;
  met: boolean;
}

export const GROWTH_GOAL = 1.5;
export const ALEXA_SHARE_GOAL = 0.03;
export const ALEXA_P99_GOAL_MS = 500;
export const ACK_P99_GOAL_FACTOR = 2;

const count = (n: number) => n.toLocaleString('en-US');
const sizeOf = (size: GrowthSize) => Math.min(...Object.values(size.fill.counts));
const failures = (load: LoadResult) => load.non2xx + load.errors;

export function growthRatio(small: GrowthTurnResult, large: GrowthTurnResult): number {
  return round(large.latency.p50 / small.latency.p50, 2);
}

/** Every goal of issues 14 and 15 that the bench measures, judged on this run's numbers. */
export function checkGoals(results: BenchmarkResults): GoalCheck[] {
  const { growth, alexa, messaging, matching } = results;
  const checks: GoalCheck[] = [];
  for (const [i, small] of growth.small.turns.entries()) {
    const large = growth.large.turns[i]!;
    const ratio = growthRatio(small, large);
    const failed = small.failedSamples + large.failedSamples;
    checks.push({
      figure: `${small.turn}: p50 growth ${count(sizeOf(growth.small))} → ${count(sizeOf(growth.large))} documents`,
      goal: `≤ ${GROWTH_GOAL}×`,
      result: `${small.latency.p50} → ${large.latency.p50} ms = ${ratio}×${failed ? `, ${failed} samples failed` : ''}`,
      met: ratio <= GROWTH_GOAL && failed === 0,
    });
  }
  const { app, baseline, replies } = messaging;
  checks.push({
    figure: `webhook acknowledgement p99 at ${messaging.ratePerSecond}/s`,
    goal: `≤ ${ACK_P99_GOAL_FACTOR}× the bare express handler's p99`,
    result: `${app.p99} ms = ${round(app.p99 / baseline.p99, 2)}× of ${baseline.p99} ms${failures(app) ? `, ${failures(app)} failed` : ''}`,
    met: app.p99 <= ACK_P99_GOAL_FACTOR * baseline.p99 && failures(app) === 0,
  });
  checks.push({
    figure: `replies to ${messaging.ratePerSecond} webhooks/s for ${messaging.seconds} s`,
    goal: `every reply sent within ${REPLY_DEADLINE_MS / 1000} s of its webhook`,
    result: `${count(replies.answeredInTime)} of ${count(replies.webhooks)} in time, ${count(replies.webhooks - replies.answered)} missing; p99 ${round(replies.latency.p99 / 1000, 2)} s, max ${round(replies.latency.max / 1000, 2)} s`,
    met: replies.webhooks > 0 && replies.answeredInTime === replies.webhooks,
  });
  const share = alexa.orderFlow.throughput / alexa.hello.throughput;
  checks.push({
    figure: `Alexa order flow throughput (${alexa.connections} connections, linked, verified)`,
    goal: `≥ ${ALEXA_SHARE_GOAL * 100} % of the bare ask-sdk hello skill`,
    result: `${alexa.orderFlow.throughput} req/s = ${round(share * 100, 2)} % of ${alexa.hello.throughput} req/s`,
    met: share >= ALEXA_SHARE_GOAL && failures(alexa.orderFlow) === 0,
  });
  checks.push({ figure: 'Alexa order flow p99', goal: `≤ ${ALEXA_P99_GOAL_MS} ms`, result: `${alexa.orderFlow.p99} ms`, met: alexa.orderFlow.p99 <= ALEXA_P99_GOAL_MS && failures(alexa.orderFlow) === 0 });
  const largest = matching.sizes.at(-1)!;
  const tenfoldBelow = matching.sizes.find((size) => size.products * 10 === largest.products) ?? matching.sizes.at(-2)!;
  checks.push({ figure: `catalog matching p99 at ${count(largest.products)} products`, goal: '≤ 2 ms', result: `${largest.matcher.p99} ms`, met: largest.matcher.p99 <= 2 });
  const matchingGrowth = largest.matcher.p99 / tenfoldBelow.matcher.p99;
  checks.push({ figure: `matching p99 growth ${count(tenfoldBelow.products)} → ${count(largest.products)}`, goal: '≤ 2×', result: `${round(matchingGrowth, 2)}× (${tenfoldBelow.matcher.p99} → ${largest.matcher.p99} ms)`, met: matchingGrowth <= 2 });
  return checks;
}

const mark = (met: boolean) => (met ? 'met' : '**missed**');
const cell = (text: string) => text.replace(/\|/g, '\\|');

/** A load run against its baseline, as one table. */
function loadTable(...rows: [label: string, result: LoadResult][]): string[] {
  return [
    '| | requests | req/s | p50 ms | p99 ms | non-2xx + errors |',
    '|---|---|---|---|---|---|',
    ...rows.map(([label, r]) => `| ${label} | ${r.requests} | ${r.throughput} | ${r.p50} | ${r.p99} | ${failures(r)} |`),
  ];
}

function slowestLines(profile: TurnProfile): string[] {
  return profile.slowest.map((command) => `  - \`${command.collection}.${command.name}\` ${command.ms} ms: ${cell(command.shape) || '(no filter)'}${command.pushdown ? ` — explain: ${command.pushdown}` : ''}`);
}

function cpuLines(cpu: CpuSummary): string[] {
  return [
    `CPU profile of the app process over the ${cpu.seconds} s of load (self time; \`(idle)\` is the process waiting, mostly on the database):`,
    '',
    '| where | share | | function | share |',
    '|---|---|---|---|---|',
    ...Array.from({ length: Math.max(cpu.byArea.length, cpu.topFunctions.length) }, (_, i) => {
      const area = cpu.byArea[i];
      const fn = cpu.topFunctions[i];
      return `| ${area ? cell(area.name) : ''} | ${area ? `${area.percent} %` : ''} | | ${fn ? `\`${cell(fn.name)}\`` : ''} | ${fn ? `${fn.percent} %` : ''} |`;
    }),
  ];
}

/** Why each missed goal was missed, from the profiles this run took. */
function missedGoalProfiles(results: BenchmarkResults, goals: GoalCheck[]): string[] {
  const { growth, alexa, messaging } = results;
  const lines: string[] = [];
  const missedTurns = growth.small.turns.filter((small, i) => growthRatio(small, growth.large.turns[i]!) > GROWTH_GOAL);
  const failedTurns = growth.small.turns.filter((small, i) => small.failedSamples + growth.large.turns[i]!.failedSamples > 0);
  if (failedTurns.length > 0) lines.push(`- **Failed samples** (${failedTurns.map((turn) => turn.turn).join(', ')}): some samples were answered with the outage apology or an error status; the app's error log is in the bench's output.`);
  for (const small of missedTurns) {
    const large = growth.large.turns.find((turn) => turn.turn === small.turn)!;
    lines.push(
      `- **${small.turn}** grew ${growthRatio(small, large)}×. At ${count(sizeOf(growth.large))} documents one such turn sent ${large.profile.commands} commands taking ${large.profile.databaseMs} ms in the database (at ${count(sizeOf(growth.small))}: ${small.profile.commands} commands, ${small.profile.databaseMs} ms). Its slowest commands at the large size:`,
      ...slowestLines(large.profile),
      '  and at the small size:',
      ...slowestLines(small.profile),
    );
  }
  const missed = new Set(goals.filter((goal) => !goal.met).map((goal) => goal.figure));
  const alexaMissed = [...missed].some((figure) => figure.startsWith('Alexa'));
  if (alexaMissed) {
    const perTurn = growth.small.turns.filter((turn) => ['add to cart', 'checkout read-back', 'the yes (order placed)'].includes(turn.turn));
    lines.push(
      `- **Alexa order flow** (${alexa.orderFlow.throughput} req/s, p99 ${alexa.orderFlow.p99} ms): each turn is a chain of database round trips, one after another. Commands per turn (growth section, ${count(sizeOf(growth.small))} documents): ${perTurn.map((turn) => `${turn.turn} ${turn.profile.commands} (${turn.profile.databaseMs} ms in the database)`).join(', ')}. With 8 connections each waiting for its turn's round trips, throughput is bounded by round trips × their latency under load, and the database (FerretDB and PostgreSQL) shares the 2 cores with the app and the load generator.`,
      '',
      ...cpuLines(alexa.cpu).map((line) => (line ? `  ${line}` : '')),
    );
  }
  if ([...missed].some((figure) => figure.startsWith('webhook acknowledgement'))) {
    const ack = growth.large.turns.find((turn) => turn.turn === 'webhook acknowledgement')!;
    lines.push(
      `- **Webhook acknowledgement** (p99 ${messaging.app.p99} ms against ${messaging.baseline.p99} ms): the acknowledgement itself verifies, parses and records the event (${ack.profile.commands} commands before the 200, ${ack.profile.databaseMs} ms in the database, in the growth section). Under load the same process also works the turns of earlier webhooks (the workers run inside \`npm start\`), so an acknowledgement waits for the event loop and the database behind them; the bare handler has neither.`,
    );
  }
  if ([...missed].some((figure) => figure.startsWith('replies to'))) {
    const { replies } = messaging;
    lines.push(
      `- **Replies** (${count(replies.answeredInTime)} of ${count(replies.webhooks)} within ${REPLY_DEADLINE_MS / 1000} s, the last ${replies.drainSeconds} s after the load ended): the workers did not keep up with ${messaging.ratePerSecond} new customers a second. Each webhook here is a first message from a new sender, so its turn creates the customer, identity and session before the turn itself (compare the command counts of the turns above); with turns costing that many round trips, ${messaging.ratePerSecond} a second is more than the database on 2 shared cores answers, and the queue grows for the whole run.`,
    );
  }
  return lines;
}

/** A small line chart of matcher p50/p99 against catalog size (log scale), as a plain SVG string. */
export function matchingSvg(matching: MatchingResult): string {
  const width = 520;
  const height = 300;
  const left = 60;
  const right = 20;
  const top = 30;
  const bottom = 50;
  const sizes = matching.sizes;
  const values = sizes.flatMap((s) => [s.matcher.p50, s.matcher.p99]).concat([2]);
  const yMax = Math.max(...values) * 1.15;
  const logMin = Math.log10(sizes[0]!.products);
  const logMax = Math.log10(sizes.at(-1)!.products);
  const x = (products: number) => left + ((Math.log10(products) - logMin) / Math.max(1e-9, logMax - logMin)) * (width - left - right);
  const y = (ms: number) => top + (1 - ms / yMax) * (height - top - bottom);
  const line = (pick: (s: MatchingResult['sizes'][number]) => number) => sizes.map((s) => `${x(s.products).toFixed(1)},${y(pick(s)).toFixed(1)}`).join(' ');
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => round(yMax * f, 2));
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="14">Catalog matching latency vs catalog size</text>`,
    ...ticks.map((t) => `<line x1="${left}" x2="${width - right}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/><text x="${left - 6}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${t}</text>`),
    `<line x1="${left}" x2="${width - right}" y1="${y(2).toFixed(1)}" y2="${y(2).toFixed(1)}" stroke="#c33" stroke-dasharray="6 4"/>`,
    `<text x="${width - right}" y="${(y(2) - 5).toFixed(1)}" text-anchor="end" fill="#c33">goal: p99 ≤ 2 ms</text>`,
    ...sizes.map((s) => `<text x="${x(s.products).toFixed(1)}" y="${height - bottom + 18}" text-anchor="middle">${s.products.toLocaleString('en-US')}</text>`),
    `<text x="${width / 2}" y="${height - 12}" text-anchor="middle">products (log scale)</text>`,
    `<text x="16" y="${height / 2}" text-anchor="middle" transform="rotate(-90 16 ${height / 2})">ms</text>`,
    `<polyline fill="none" stroke="#1f77b4" stroke-width="2" points="${line((s) => s.matcher.p50)}"/>`,
    `<polyline fill="none" stroke="#ff7f0e" stroke-width="2" points="${line((s) => s.matcher.p99)}"/>`,
    ...sizes.flatMap((s) => [
      `<circle cx="${x(s.products).toFixed(1)}" cy="${y(s.matcher.p50).toFixed(1)}" r="3" fill="#1f77b4"/>`,
      `<circle cx="${x(s.products).toFixed(1)}" cy="${y(s.matcher.p99).toFixed(1)}" r="3" fill="#ff7f0e"/>`,
    ]),
    `<rect x="${left + 10}" y="${top + 4}" width="12" height="3" fill="#1f77b4"/><text x="${left + 28}" y="${top + 9}">p50</text>`,
    `<rect x="${left + 70}" y="${top + 4}" width="12" height="3" fill="#ff7f0e"/><text x="${left + 88}" y="${top + 9}">p99</text>`,
    '</svg>',
  ];
  return parts.join('\n') + '\n';
}

export function renderMarkdown(results: BenchmarkResults, findings: string): string {
  const { machine, growth, alexa, messaging, matching } = results;
  const goals = checkGoals(results);
  const small = count(sizeOf(growth.small));
  const large = count(sizeOf(growth.large));
  const why = missedGoalProfiles(results, goals);
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\`${results.quick ? ' with --quick (a smoke run: sizes and durations far below the goals\'; figures are not meaningful)' : ''} on ${results.date}, in ${results.durationS} s. Every table below comes from that run; every baseline was measured in the same run on the same machine. Raw figures: [benchmarks-results.json](benchmarks-results.json).`,
    '',
    '## Machine',
    '',
    '| | |',
    '|---|---|',
    `| CPU | ${machine.cpuModel} |`,
    `| cores | ${machine.cores} |`,
    `| RAM | ${machine.ramGiB} GiB |`,
    `| Node.js | ${machine.node} (${machine.platform}) |`,
    `| database | ${machine.database} |`,
    `| load average (1 min) at start / end | ${results.loadAverage.start} / ${results.loadAverage.end} |`,
    '',
    'Everything runs on 127.0.0.1: the app, the bare hello skill and the bare express handler each in their own Node process, autocannon and a fake Meta Graph / Alexa API (a small HTTP server) in the runner process, and the database (FerretDB and PostgreSQL) in theirs. A load average above the core count means other work shared the machine during the run: compare figures side by side (each with its baseline), not across runs.',
    '',
    '## Goals',
    '',
    '| figure | goal | result | |',
    '|---|---|---|---|',
    ...goals.map((g) => `| ${g.figure} | ${g.goal} | ${g.result} | ${mark(g.met)} |`),
    '',
    ...(why.length > 0 ? ['### Why the missed goals were missed (profiles from this run)', '', ...why, ''] : []),
    '## Growth: hot turns with small and large collections',
    '',
    `Each turn timed one at a time by one client (${growth.small.turns[0]!.latency.samples} and ${growth.large.turns[0]!.latency.samples} samples after 2 warm-up rounds), first with ${small} and then with ${large} documents in each large collection. A round is: a linked Alexa shopper (signed, fully verified requests) adds Colombian coffee, hears the checkout read-back, says yes (the order is placed), asks to reorder (read-back) and asks for the order status; then a Messenger customer's signed webhook is acknowledged, and its reply awaited before the next round. The filler is other customers' documents, inserted straight through the driver in batches of 5,000 (${growth.small.fill.seconds} s and ${growth.large.fill.seconds} s): orders of 1,000 customers over six months, sessions on every channel, inbound events (the webhooks' records and dedupe claims, worked, not yet expired), sent outbox jobs and the stock ledgers of 1,000 other products. One extra round at each size was profiled with the driver's command monitoring in the app process (commands sent until the response went out).`,
    '',
    '| collection | small | large |',
    '|---|---|---|',
    ...GROWING_COLLECTIONS.map((name) => `| ${name} | ${count(growth.small.fill.counts[name])} | ${count(growth.large.fill.counts[name])} |`),
    '',
    `| turn | p50 ms, ${small} | p50 ms, ${large} | growth | p99 ms, ${small} | p99 ms, ${large} | failed samples | commands, ${small} / ${large} | database ms, ${small} / ${large} |`,
    '|---|---|---|---|---|---|---|---|---|',
    ...growth.small.turns.map((s, i) => {
      const l = growth.large.turns[i]!;
      return `| ${s.turn} | ${s.latency.p50} | ${l.latency.p50} | ${growthRatio(s, l)}× | ${s.latency.p99} | ${l.latency.p99} | ${s.failedSamples} / ${l.failedSamples} | ${s.profile.commands} / ${l.profile.commands} | ${s.profile.databaseMs} / ${l.profile.databaseMs} |`;
    }),
    '',
    `What each profiled turn answered (${large} documents):`,
    '',
    ...growth.large.turns.map((turn) => `- ${turn.turn}: "${turn.answer}"`),
    '',
    `Commands per turn by collection (${large} documents; count × and total ms):`,
    '',
    ...growth.large.turns.map((turn) => `- ${turn.turn}: ${turn.profile.byCollection.map((c) => `\`${c.command}\` ${c.count}× ${c.ms} ms`).join(', ')}`),
    '',
    '## Alexa order flow against the bare hello skill',
    '',
    `${alexa.seconds} s of load from ${alexa.customers} linked customers over ${alexa.connections} connections, each walking AddToCartIntent, CheckoutIntent (the read-back with Dialog.ConfirmIntent) and CheckoutIntent CONFIRMED (the order is placed; a progressive response goes to the fake Alexa API). Every request is signed with a stand-in Alexa PKI and fully verified (certificate chain, signature, timestamp, skill id). Baseline: a bare ask-sdk-core skill answering "Hello" from express, same connections, ${alexa.hello.durationS} s.`,
    '',
    ...loadTable(['order flow (3 turns per customer)', alexa.orderFlow], ['baseline: hello skill', alexa.hello]),
    '',
    `Orders placed: ${alexa.ordersPlaced}, for ${alexa.confirmationsSent} confirmations sent (one order each expected; a confirmation still in flight when the clock stopped may be missing).`,
    '',
    ...cpuLines(alexa.cpu),
    '',
    '## Webhooks: acknowledgement and replies at a fixed rate',
    '',
    `Signed webhooks (X-Hub-Signature-256) at ${messaging.ratePerSecond} per second for ${messaging.seconds} s over ${messaging.connections} connections (autocannon's overall rate: each connection sends its share at the start of each second), Messenger and WhatsApp alternately, each from a new sender with a message that needs a turn with database writes. The app answers 200 once the event is recorded; its workers (inside the same process, as in \`npm start\`) work the turns and send the replies to the fake Graph API. Baseline: a bare express app with the same body parser answering 200, same rate, same connections.`,
    '',
    ...loadTable(['app: acknowledgement', messaging.app], ['baseline: bare express 200', messaging.baseline]),
    '',
    `Replies, from the webhook leaving the load generator to the last message of its reply at the fake Graph API: ${count(messaging.replies.answered)} of ${count(messaging.replies.webhooks)} webhooks answered, ${count(messaging.replies.answeredInTime)} within ${REPLY_DEADLINE_MS / 1000} s; p50 ${round(messaging.replies.latency.p50 / 1000, 2)} s, p99 ${round(messaging.replies.latency.p99 / 1000, 2)} s, max ${round(messaging.replies.latency.max / 1000, 2)} s; the last reply came ${messaging.replies.drainSeconds} s after the load ended.`,
    '',
    '## Catalog matching',
    '',
    `Synthetic catalogs generated deterministically (brand, descriptors, variant, product noun, size), ${matching.queriesPerSize} shopper queries per size: exact names, "two <name>", partial names, one-typo names and words no product has. Baseline: an exact-name \`Map\` lookup of the normalised query.`,
    '',
    '![matching latency vs catalog size](benchmarks-matching.svg)',
    '',
    '| products | index build ms | p50 ms | p99 ms | max ms | resolved to one product | baseline p50 ms | baseline p99 ms |',
    '|---|---|---|---|---|---|---|---|',
    ...matching.sizes.map((s) => `| ${count(s.products)} | ${s.buildMs} | ${s.matcher.p50} | ${s.matcher.p99} | ${s.matcher.max} | ${Math.round(s.matchedShare * 100)}% | ${s.baseline.p50} | ${s.baseline.p99} |`),
    '',
    `Memory with the ${count(matching.sizes.at(-1)!.products)}-product catalog and its index in use: RSS ${matching.rssMiB} MiB, of which ${matching.rssDeltaMiB} MiB were added by building it.`,
    '',
  ];
  if (findings.trim()) lines.push(findings.trim(), '');
  return lines.join('\n');
}

/** Writes BENCHMARKS.md, benchmarks-results.json and benchmarks-matching.svg into `docsDir`. */
export function writeReport(results: BenchmarkResults, docsDir: string, findingsFile = path.join(__dirname, 'FINDINGS.md')): { markdown: string; json: string; svg: string } {
  mkdirSync(docsDir, { recursive: true });
  const findings = existsSync(findingsFile) ? readFileSync(findingsFile, 'utf8') : '';
  const files = { markdown: path.join(docsDir, 'BENCHMARKS.md'), json: path.join(docsDir, 'benchmarks-results.json'), svg: path.join(docsDir, 'benchmarks-matching.svg') };
  writeFileSync(files.markdown, renderMarkdown(results, findings));
  writeFileSync(files.json, JSON.stringify({ ...results, goals: checkGoals(results) }, null, 2) + '\n');
  writeFileSync(files.svg, matchingSvg(results.matching));
  return files;
}
