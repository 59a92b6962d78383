import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { AlexaResult } from './alexa';
import type { MatchingResult } from './matching';
import type { MessagingResult } from './messaging';
import type { ReorderResult } from './reorder';
import { round, type MachineInfo } from './support/stats';

export interface BenchmarkResults {
  date: string;
  quick: boolean;
  durationS: number;
  machine: MachineInfo;
  matching: MatchingResult;
  alexa: AlexaResult;
  messaging: MessagingResult;
  reorder: ReorderResult;
}

export interface GoalCheck {
  figure: string;
  goal: string;
  result: string;
  met: boolean;
}

/** Every goal of the issue, judged on this run's numbers. */
export function checkGoals(results: BenchmarkResults): GoalCheck[] {
  const checks: GoalCheck[] = [];
  const { alexa, messaging, matching, reorder } = results;
  const share = alexa.orderFlow.throughput / alexa.hello.throughput;
  checks.push({
    figure: 'Alexa order turn throughput',
    goal: '≥ 50% of the bare hello skill',
    result: `${alexa.orderFlow.throughput} req/s = ${round(share * 100, 1)}% of ${alexa.hello.throughput} req/s`,
    met: share >= 0.5 && alexa.orderFlow.non2xx === 0 && alexa.orderFlow.errors === 0,
  });
  for (const row of messaging.rows) {
    checks.push({ figure: `${row.channel} webhook acknowledgement p99`, goal: '≤ 10 ms', result: `${row.app.p99} ms (bare express: ${row.baseline.p99} ms)`, met: row.app.p99 <= 10 && row.app.non2xx === 0 && row.app.errors === 0 });
  }
  const largest = matching.sizes.at(-1)!;
  const tenfoldBelow = matching.sizes.find((size) => size.products * 10 === largest.products) ?? matching.sizes.at(-2)!;
  checks.push({ figure: `catalog matching p99 at ${largest.products.toLocaleString('en-US')} products`, goal: '≤ 2 ms', result: `${largest.matcher.p99} ms`, met: largest.matcher.p99 <= 2 });
  const growth = largest.matcher.p99 / tenfoldBelow.matcher.p99;
  checks.push({
    figure: `matching p99 growth ${tenfoldBelow.products.toLocaleString('en-US')} → ${largest.products.toLocaleString('en-US')}`,
    goal: '≤ 2×',
    result: `${round(growth, 2)}× (${tenfoldBelow.matcher.p99} → ${largest.matcher.p99} ms)`,
    met: growth <= 2,
  });
  for (const row of reorder.rows) {
    const ratio = row.heavy.p99 / row.baseline.p99;
    checks.push({
      figure: `${row.turn}, ${reorder.pastOrders.toLocaleString('en-US')} past orders, p99`,
      goal: '≤ 2× a one-order customer before the history existed',
      result: `${row.heavy.p99} ms = ${round(ratio, 2)}× of ${row.baseline.p99} ms`,
      met: ratio <= 2,
    });
  }
  return checks;
}

const mark = (met: boolean) => (met ? 'met' : '**missed**');

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
  const { machine, matching, alexa, messaging, reorder } = results;
  const goals = checkGoals(results);
  const load = (r: { requests: number; throughput: number; p50: number; p99: number; non2xx: number; errors: number }) => `${r.requests} | ${r.throughput} | ${r.p50} | ${r.p99} | ${r.non2xx + r.errors}`;
  const lines = [
    '# Benchmarks',
    '',
    `Generated by \`npm run bench\`${results.quick ? ' with BENCH_QUICK=1 (a smoke run: sizes far below the goals\' sizes; figures are not meaningful)' : ''} on ${results.date}, in ${results.durationS} s. Every table below comes from that run; the baselines were measured in the same run on the same machine. Raw figures: [benchmarks-results.json](benchmarks-results.json).`,
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
    '',
    'Everything runs on 127.0.0.1: the servers under load each in their own Node process, autocannon in the runner process, the database in its own process, and a fake Graph/Alexa API in the runner. The machine may be shared, so figures are indicative.',
    '',
    '## Goals',
    '',
    '| figure | goal | result | |',
    '|---|---|---|---|',
    ...goals.map((g) => `| ${g.figure} | ${g.goal} | ${g.result} | ${mark(g.met)} |`),
    '',
    '## Alexa order turn',
    '',
    `${alexa.seconds} s of load from ${alexa.customers} linked customers, each walking the order flow over ${alexa.connections} connections: AddToCartIntent, CheckoutIntent (the guard's read-back with Dialog.ConfirmIntent) and CheckoutIntent CONFIRMED (the order is placed; a progressive response goes to the fake Alexa API). Every request is signed with the stand-in Alexa PKI and fully verified (certificate chain, signature, timestamp, skill id). Baseline: a bare ask-sdk-core skill answering "Hello" from express, same connections, same machine.`,
    '',
    '| | requests | req/s | p50 ms | p99 ms | non-2xx + errors |',
    '|---|---|---|---|---|---|',
    `| order flow (3 turns per customer) | ${load(alexa.orderFlow)} |`,
    `| baseline: hello skill | ${load(alexa.hello)} |`,
    '',
    `Orders placed: ${alexa.ordersPlaced}, for ${alexa.confirmationsSent} confirmations sent (one order each expected; a confirmation still in flight when the clock stopped may be missing).`,
    '',
    '## Messaging webhook acknowledgement',
    '',
    `Signed webhooks (X-Hub-Signature-256) at ${messaging.ratePerSecond} per second for ${messaging.seconds} s, each from a new sender with a message that needs a turn with database writes; the replies are worked out after the 200 and sent to a fake Graph API on 127.0.0.1. Baseline: a bare express handler answering 200, same load. "Senders answered" counts distinct senders the fake Graph API received a reply for once the app had drained its queue (it can exceed the requests column: requests still in flight when autocannon's clock stops are answered but not counted by it).`,
    '',
    '| | requests | req/s | p50 ms | p99 ms | non-2xx + errors | messages sent | senders answered |',
    '|---|---|---|---|---|---|---|---|',
    ...messaging.rows.flatMap((row) => [`| ${row.channel} | ${load(row.app)} | ${row.repliesSent} | ${row.sendersAnswered} |`, `| baseline for ${row.channel}: bare express 200 | ${load(row.baseline)} | – | – |`]),
    '',
    '## Catalog matching',
    '',
    `Synthetic catalogs generated deterministically (brand, descriptors, variant, product noun, size), ${matching.queriesPerSize} shopper queries per size: exact names, "two <name>", partial names, one-typo names and words no product has. Baseline: an exact-name \`Map\` lookup of the normalised query.`,
    '',
    '![matching latency vs catalog size](benchmarks-matching.svg)',
    '',
    '| products | index build ms | p50 ms | p99 ms | max ms | resolved to one product | baseline p50 ms | baseline p99 ms |',
    '|---|---|---|---|---|---|---|---|',
    ...matching.sizes.map((s) => `| ${s.products.toLocaleString('en-US')} | ${s.buildMs} | ${s.matcher.p50} | ${s.matcher.p99} | ${s.matcher.max} | ${Math.round(s.matchedShare * 100)}% | ${s.baseline.p50} | ${s.baseline.p99} |`),
    '',
    `Memory with the ${matching.sizes.at(-1)!.products.toLocaleString('en-US')}-product catalog and its index in use: RSS ${matching.rssMiB} MiB, of which ${matching.rssDeltaMiB} MiB were added by building it.`,
    '',
    '## Reorder with a long history',
    '',
    `One customer with ${reorder.pastOrders.toLocaleString('en-US')} past orders inserted through the model (${reorder.insertSeconds} s), in a collection of ${reorder.ordersInCollection.toLocaleString('en-US')} orders; each turn is a full \`handleTurn\` (identify, session, the flow, session save), measured in process. Baseline: the same turn for a customer with one past order, measured before the long history was inserted.`,
    '',
    '| turn | samples | p50 ms | p99 ms | baseline p50 ms | baseline p99 ms |',
    '|---|---|---|---|---|---|',
    ...reorder.rows.map((row) => `| ${row.turn} | ${row.heavy.samples} | ${row.heavy.p50} | ${row.heavy.p99} | ${row.baseline.p50} | ${row.baseline.p99} |`),
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
