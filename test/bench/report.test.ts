import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Express } from 'express';
import { runAlexaBenchmark } from '../../bench/alexa';
import { runMatchingBenchmark } from '../../bench/matching';
import { runMessagingBenchmark } from '../../bench/messaging';
import { runReorderBenchmark } from '../../bench/reorder';
import { checkGoals, writeReport, type BenchmarkResults } from '../../bench/report';
import { bareExpressApp, helloSkillApp } from '../../bench/servers';
import { startFakeApi, type FakeApi } from '../../bench/support/fake-api';
import { machineInfo } from '../../bench/support/stats';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { testVerifierOptions } from '../support/alexa-requests';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';

async function listen(app: Express): Promise<{ url: string; server: Server }> {
  const server: Server = await new Promise((resolve) => {
    const listening = app.listen(0, '127.0.0.1', () => resolve(listening));
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

/**
 * A miniature of `npm run bench`: every section measured for real at tiny sizes (servers in this
 * process, against the test database), then the report written from those measurements.
 */
describe('benchmark report', () => {
  let fakeApi: FakeApi;
  const servers: Server[] = [];
  let results: BenchmarkResults;
  let docsDir: string;

  before(async function () {
    this.timeout(120_000);
    await freshDemoStore();
    fakeApi = await startFakeApi();
    const config = testConfig({ GRAPH_API_BASE_URL: fakeApi.url, ALEXA_API_BASE_URL: fakeApi.url });
    const app = await listen(createApp({ config, log: silentLog, channelOverrides: { alexa: { verifier: testVerifierOptions } } }));
    const hello = await listen(helloSkillApp());
    const bare = await listen(bareExpressApp());
    servers.push(app.server, hello.server, bare.server);

    const started = Date.now();
    const matching = runMatchingBenchmark([100, 300, 1_000], 40);
    const alexa = await runAlexaBenchmark({ appUrl: app.url, helloUrl: hello.url, fakeApiUrl: fakeApi.url, customers: 2, connections: 2, seconds: 2, helloSeconds: 1 });
    const messaging = await runMessagingBenchmark({ app: { url: app.url, drain: drainBackground }, bare, fakeApi, ratePerSecond: 4, seconds: 1, connections: 2 });
    const reorder = await runReorderBenchmark({ pastOrders: 30, iterations: 1 });
    results = { date: new Date(started).toISOString(), quick: true, durationS: (Date.now() - started) / 1000, machine: machineInfo('test database'), matching, alexa, messaging, reorder };
    docsDir = mkdtempSync(path.join(tmpdir(), 'bench-report-'));
    writeReport(results, docsDir);
  });

  after(async () => {
    for (const server of servers) server.close();
    await fakeApi?.close();
    if (docsDir) rmSync(docsDir, { recursive: true, force: true });
  });

  it('measured real work: orders placed, webhooks answered, matches resolved', () => {
    assert.ok(results.alexa.ordersPlaced > 0, 'orders were placed');
    assert.ok(results.alexa.ordersPlaced <= results.alexa.confirmationsSent, 'never more than one order per confirmation');
    assert.ok(results.alexa.orderFlow.requests >= 3);
    assert.equal(results.alexa.orderFlow.non2xx + results.alexa.orderFlow.errors, 0);
    assert.ok(results.alexa.hello.requests > 0);
    for (const row of results.messaging.rows) {
      assert.ok(row.app.requests > 0, row.channel);
      assert.equal(row.app.non2xx, 0, row.channel);
      // Requests still in flight when autocannon's clock stops are answered but not counted by it.
      assert.ok(row.sendersAnswered >= row.app.requests, `every ${row.channel} sender got a reply`);
    }
    assert.deepEqual(results.matching.sizes.map((s) => s.products), [100, 300, 1_000]);
    assert.ok(results.matching.sizes.every((s) => s.matchedShare > 0 && s.matcher.samples === 40));
    assert.ok(results.matching.rssMiB > 0);
    assert.deepEqual(results.reorder.rows.map((r) => r.turn), ['reorder the last order', 'reorder "my usual"', 'order status (newest order)']);
  });

  it('writes every section, with the figures of this run', () => {
    const markdown = readFileSync(path.join(docsDir, 'BENCHMARKS.md'), 'utf8');
    for (const heading of ['## Machine', '## Goals', '## Alexa order turn', '## Messaging webhook acknowledgement', '## Catalog matching', '## Reorder with a long history']) assert.ok(markdown.includes(`\n${heading}\n`), heading);
    assert.ok(markdown.includes('![matching latency vs catalog size](benchmarks-matching.svg)'));
    const { alexa, matching, reorder } = results;
    assert.ok(markdown.includes(`| order flow (3 turns per customer) | ${alexa.orderFlow.requests} | ${alexa.orderFlow.throughput} | ${alexa.orderFlow.p50} | ${alexa.orderFlow.p99} | 0 |`));
    assert.ok(markdown.includes(`| baseline: hello skill | ${alexa.hello.requests} | ${alexa.hello.throughput} |`));
    for (const size of matching.sizes) assert.ok(markdown.includes(`| ${size.products.toLocaleString('en-US')} | ${size.buildMs} | ${size.matcher.p50} | ${size.matcher.p99} |`), `matching row ${size.products}`);
    for (const row of reorder.rows) assert.ok(markdown.includes(`| ${row.turn} | 1 | ${row.heavy.p50} | ${row.heavy.p99} | ${row.baseline.p50} | ${row.baseline.p99} |`), row.turn);
    for (const row of results.messaging.rows) assert.ok(markdown.includes(`| ${row.channel} | ${row.app.requests} | ${row.app.throughput} | ${row.app.p50} | ${row.app.p99} |`), row.channel);
    assert.ok(markdown.includes(`| cores | ${results.machine.cores} |`));
    assert.ok(markdown.includes(`| Node.js | ${process.version}`));
  });

  it('judges every goal from the run and states met or missed', () => {
    const goals = checkGoals(results);
    assert.deepEqual(
      goals.map((g) => g.figure),
      [
        'Alexa order turn throughput',
        'messenger webhook acknowledgement p99',
        'whatsapp webhook acknowledgement p99',
        'catalog matching p99 at 1,000 products',
        'matching p99 growth 100 → 1,000',
        'reorder the last order, 30 past orders, p99',
        'reorder "my usual", 30 past orders, p99',
        'order status (newest order), 30 past orders, p99',
      ],
    );
    const markdown = readFileSync(path.join(docsDir, 'BENCHMARKS.md'), 'utf8');
    for (const goal of goals) assert.ok(markdown.includes(`| ${goal.figure} | ${goal.goal} | ${goal.result} | ${goal.met ? 'met' : '**missed**'} |`), goal.figure);
    const share = results.alexa.orderFlow.throughput / results.alexa.hello.throughput;
    assert.equal(goals[0]!.met, share >= 0.5);
    assert.equal(goals[3]!.met, results.matching.sizes[2]!.matcher.p99 <= 2);
  });

  it('writes the raw figures as JSON and the latency plot as SVG', () => {
    const json = JSON.parse(readFileSync(path.join(docsDir, 'benchmarks-results.json'), 'utf8')) as BenchmarkResults & { goals: unknown[] };
    assert.deepEqual(json.alexa, results.alexa);
    assert.deepEqual(json.matching, results.matching);
    assert.equal(json.goals.length, 8);
    const svg = readFileSync(path.join(docsDir, 'benchmarks-matching.svg'), 'utf8');
    assert.match(svg, /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal((svg.match(/<polyline /g) ?? []).length, 2, 'p50 and p99 lines');
    assert.equal((svg.match(/<circle /g) ?? []).length, 6, 'one point per size and percentile');
    for (const label of ['100', '300', '1,000', 'goal: p99 ≤ 2 ms']) assert.ok(svg.includes(`>${label}</text>`), label);
  });
});
