import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GROWING_COLLECTIONS } from '../../bench/filler';
import { GROWTH_TURNS } from '../../bench/growth';
import { checkGoals, growthRatio, writeReport, type BenchmarkResults } from '../../bench/report';
import { QUICK_SIZES, runBenchmarks } from '../../bench/run';
import { resetDatabase } from '../support/database';

/**
 * `npm run bench -- --quick` against the test database: every section runs for real at tiny sizes
 * (server processes, filler, load, profiles), then the report is written from those figures. Nothing
 * here judges a time: the assertions are about what was done and what the report says.
 */
describe('benchmark report (--quick)', () => {
  let results: BenchmarkResults;
  let docsDir: string;
  let dataDir: string;

  before(async function () {
    this.timeout(600_000);
    await resetDatabase();
    dataDir = mkdtempSync(path.join(tmpdir(), 'bench-data-'));
    results = await runBenchmarks({ quick: true, sizes: QUICK_SIZES, dataDir, database: { uri: process.env.TEST_DATABASE_URI!, name: process.env.TEST_DATABASE_NAME!, kind: 'test database' } });
    docsDir = mkdtempSync(path.join(tmpdir(), 'bench-report-'));
    writeReport(results, docsDir);
  });

  after(async () => {
    await resetDatabase();
    for (const dir of [docsDir, dataDir]) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('grew every large collection from the small size to the large one', () => {
    for (const name of GROWING_COLLECTIONS) {
      assert.ok(results.growth.small.fill.counts[name] >= QUICK_SIZES.growthSmall, `${name} small`);
      assert.ok(results.growth.small.fill.counts[name] < QUICK_SIZES.growthLarge, `${name} small`);
      assert.ok(results.growth.large.fill.counts[name] >= QUICK_SIZES.growthLarge, `${name} large`);
    }
  });

  it('timed real turns at both sizes: the shopper heard an order placed, and each turn was profiled', () => {
    for (const size of [results.growth.small, results.growth.large]) {
      assert.deepEqual(size.turns.map((turn) => turn.turn), [...GROWTH_TURNS]);
      const answer = (turn: string) => size.turns.find((t) => t.turn === turn)!.answer;
      assert.match(answer('add to cart'), /^Added 1 Colombian Coffee/);
      assert.match(answer('checkout read-back'), /^Your order from Corner Market: 1 Colombian Coffee/);
      assert.match(answer('the yes (order placed)'), /^Done\. Your order number is/);
      assert.match(answer('reorder (read-back)'), /had 1 Colombian Coffee\. Shall I add/);
      assert.match(answer('order status'), /is placed/);
      assert.equal(answer('webhook acknowledgement'), 'HTTP 200');
      for (const turn of size.turns) {
        assert.equal(turn.failedSamples, 0, turn.turn);
        assert.ok(turn.latency.samples >= 3, turn.turn);
        assert.ok(turn.profile.commands > 0 && turn.profile.slowest.length > 0, `${turn.turn} profiled`);
      }
      const ack = size.turns.find((turn) => turn.turn === 'webhook acknowledgement')!;
      assert.ok(ack.profile.byCollection.some((c) => c.command === 'inboundevents.insert'), 'the acknowledgement records the event');
    }
  });

  it('ran the load sections: orders placed, every webhook acknowledged and answered, the app profiled', () => {
    const { alexa, messaging } = results;
    assert.ok(alexa.ordersPlaced > 0 && alexa.ordersPlaced <= alexa.confirmationsSent);
    assert.equal(alexa.orderFlow.non2xx + alexa.orderFlow.errors, 0);
    assert.ok(alexa.hello.requests > 0);
    assert.ok(alexa.cpu.byArea.length > 0 && alexa.cpu.topFunctions.length > 0);
    assert.ok(messaging.app.requests > 0 && messaging.baseline.requests > 0);
    assert.equal(messaging.app.non2xx + messaging.app.errors, 0);
    assert.ok(messaging.replies.webhooks > 0);
    assert.equal(messaging.replies.answered, messaging.replies.webhooks, 'every sender got a reply');
  });

  it('judges every goal from the run and states met or missed, with a profile for what was missed', () => {
    const goals = checkGoals(results);
    assert.deepEqual(
      goals.map((g) => g.figure),
      [
        ...GROWTH_TURNS.map((turn) => `${turn}: p50 growth 50 → 300 documents`),
        `webhook acknowledgement p99 at ${QUICK_SIZES.webhookRate}/s`,
        `replies to ${QUICK_SIZES.webhookRate} webhooks/s for ${QUICK_SIZES.webhookSeconds} s`,
        `Alexa order flow throughput (${QUICK_SIZES.connections} connections, linked, verified)`,
        'Alexa order flow p99',
        'catalog matching p99 at 1,000 products',
        'matching p99 growth 100 → 1,000',
      ],
    );
    for (const [i, turn] of results.growth.small.turns.entries()) assert.equal(goals[i]!.met, growthRatio(turn, results.growth.large.turns[i]!) <= 1.5, turn.turn);
    assert.equal(goals[6]!.met, results.messaging.app.p99 <= 2 * results.messaging.baseline.p99);
    assert.equal(goals[8]!.met, results.alexa.orderFlow.throughput / results.alexa.hello.throughput >= 0.03);
    const markdown = readFileSync(path.join(docsDir, 'BENCHMARKS.md'), 'utf8');
    for (const goal of goals) assert.ok(markdown.includes(`| ${goal.figure} | ${goal.goal} | ${goal.result} | ${goal.met ? 'met' : '**missed**'} |`), goal.figure);
    for (const [i, turn] of results.growth.small.turns.entries()) {
      if (!goals[i]!.met) assert.ok(markdown.includes(`- **${turn.turn}** grew `), `why ${turn.turn} missed`);
    }
    if (!goals[8]!.met) assert.ok(markdown.includes('- **Alexa order flow**') && markdown.includes('CPU profile of the app process'));
  });

  it('writes every section, the raw figures as JSON and the matching plot as SVG', () => {
    const markdown = readFileSync(path.join(docsDir, 'BENCHMARKS.md'), 'utf8');
    for (const heading of ['## Machine', '## Goals', '## Growth: hot turns with small and large collections', '## Alexa order flow against the bare hello skill', '## Webhooks: acknowledgement and replies at a fixed rate', '## Catalog matching']) {
      assert.ok(markdown.includes(`\n${heading}\n`), heading);
    }
    const { small, large } = results.growth;
    for (const [i, s] of small.turns.entries()) assert.ok(markdown.includes(`| ${s.turn} | ${s.latency.p50} | ${large.turns[i]!.latency.p50} | ${growthRatio(s, large.turns[i]!)}× |`), s.turn);
    assert.ok(markdown.includes(`| order flow (3 turns per customer) | ${results.alexa.orderFlow.requests} | ${results.alexa.orderFlow.throughput} |`));
    assert.ok(markdown.includes(`| app: acknowledgement | ${results.messaging.app.requests} | ${results.messaging.app.throughput} |`));
    assert.ok(markdown.includes(`| Node.js | ${process.version}`));
    const json = JSON.parse(readFileSync(path.join(docsDir, 'benchmarks-results.json'), 'utf8')) as BenchmarkResults & { goals: unknown[] };
    assert.deepEqual(json.growth, results.growth);
    assert.equal(json.goals.length, 12);
    const svg = readFileSync(path.join(docsDir, 'benchmarks-matching.svg'), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.match(/<circle /g) ?? []).length, 6, 'one point per size and percentile');
  });
});
