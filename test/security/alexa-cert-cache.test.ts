import assert from 'node:assert/strict';
import { AlexaRequestVerifier } from '../../src/channels/alexa/verify';
import { CERT_URL, certChainPem, signingFixture, testTrustRoots } from '../../src/channels/alexa/simulate/signing';
import { createApp } from '../../src/http/app';
import { alexaEnvelope, postSigned, SKILL_ID } from '../support/alexa-requests';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';

/**
 * Issue 16 item 8: the certificate cache is filled before any signature check, so an anonymous caller
 * chooses what we fetch and keep. Amazon's bucket is faked by a fetcher that serves the real chain at
 * any path under /echo.api/ (S3 would decode a percent-encoded path to the same object) and counts.
 */

function countingFetcher(fail = false) {
  const fetched: string[] = [];
  return {
    fetched,
    fetchCertChain: async (url: string) => {
      fetched.push(url);
      if (fail) throw new Error('503 from the bucket');
      return certChainPem();
    },
  };
}

const launch = () => alexaEnvelope({ type: 'LaunchRequest' });

/** Percent-encoded spellings of the one real certificate path: "e", "c", "h", "o", "-" and so on. */
function encodedVariants(count: number): string[] {
  const path = '/echo.api/echo-api-cert-test.pem';
  const variants: string[] = [];
  for (let i = 0; variants.length < count && i < path.length; i++) {
    const char = path[i]!;
    if (i < '/echo.api/'.length || char === '.') continue;
    const encoded = `%${char.charCodeAt(0).toString(16).toUpperCase()}`;
    variants.push(`https://s3.amazonaws.com${path.slice(0, i)}${encoded}${path.slice(i + 1)}`);
    variants.push(`https://s3.amazonaws.com${path.slice(0, i)}${encoded.toLowerCase()}${path.slice(i + 1)}`);
  }
  return variants.slice(0, count);
}

describe('security: the Alexa certificate cache is bounded (issue 16 item 8)', () => {
  before(() => signingFixture());
  beforeEach(freshDemoStore);

  it('refuses any percent-encoding in the certificate path, fetching nothing', async () => {
    const bucket = countingFetcher();
    const app = createApp({ config: testConfig(), log: silentLog, channelOverrides: { alexa: { verifier: { trustedRoots: testTrustRoots(), fetchCertChain: bucket.fetchCertChain } } } });
    const variants = encodedVariants(30);
    assert.equal(variants.length, 30);
    for (const certUrl of variants) {
      const res = await postSigned(app, launch(), { certUrl });
      assert.equal(res.status, 400, `${certUrl}: ${res.text}`);
      assert.equal(res.body.error.details.reason, 'bad-cert-url');
    }
    assert.deepEqual(bucket.fetched, []);
  });

  it('limits certificate fetches per interval, whatever the URLs', async () => {
    const bucket = countingFetcher();
    const app = createApp({ config: testConfig(), log: silentLog, channelOverrides: { alexa: { verifier: { trustedRoots: testTrustRoots(), fetchCertChain: bucket.fetchCertChain } } } });
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await postSigned(app, launch(), { certUrl: `https://s3.amazonaws.com/echo.api/cert-${i}.pem` })).status);
    assert.ok(bucket.fetched.length <= 10, `${bucket.fetched.length} fetches`);
    assert.equal(statuses.filter((status) => status === 200).length, bucket.fetched.length);
    assert.ok(statuses.slice(bucket.fetched.length).every((status) => status === 400));
    // A chain fetched before the limit still serves: the flood did not push it out.
    assert.equal((await postSigned(app, launch(), { certUrl: 'https://s3.amazonaws.com/echo.api/cert-0.pem' })).status, 200);
  });

  it('remembers a failed fetch for a while instead of fetching again', async () => {
    const bucket = countingFetcher(true);
    const app = createApp({ config: testConfig(), log: silentLog, channelOverrides: { alexa: { verifier: { trustedRoots: testTrustRoots(), fetchCertChain: bucket.fetchCertChain } } } });
    for (let i = 0; i < 5; i++) {
      const res = await postSigned(app, launch(), { certUrl: CERT_URL });
      assert.equal(res.status, 400);
      assert.equal(res.body.error.details.reason, 'cert-fetch-failed');
    }
    assert.equal(bucket.fetched.length, 1);
  });

  it('keeps at most 16 chains, dropping the least recently used', async () => {
    let nowMs = Date.now();
    const bucket = countingFetcher();
    const verifier = new AlexaRequestVerifier({ skillId: SKILL_ID, trustedRoots: testTrustRoots(), fetchCertChain: bucket.fetchCertChain, now: () => new Date(nowMs) });
    const verifyAt = async (certUrl: string) => {
      const raw = Buffer.from(JSON.stringify(alexaEnvelope({ type: 'LaunchRequest' }, { timestamp: new Date(nowMs) })));
      return verifier.verify({ signaturecertchainurl: certUrl, 'signature-256': signingFixture().signBody(raw) }, raw);
    };
    for (let i = 0; i < 40; i++) {
      nowMs += 7_000; // slow enough for the fetch limit
      await verifyAt(`https://s3.amazonaws.com/echo.api/cert-${i}.pem`);
      if (i >= 1) await verifyAt('https://s3.amazonaws.com/echo.api/cert-0.pem'); // kept in use
    }
    assert.equal(verifier.cachedChains, 16);
    assert.equal(bucket.fetched.filter((url) => url.endsWith('/cert-0.pem')).length, 1, 'the chain in use was never evicted');
  });
});
