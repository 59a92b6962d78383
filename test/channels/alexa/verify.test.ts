import assert from 'node:assert/strict';
import {
  AlexaRequestVerifier,
  AlexaVerificationError,
  normalizeCertChainUrl,
  type AlexaVerificationFailure,
  type AlexaVerifierOptions,
} from '../../../src/channels/alexa/verify';
import {
  CERT_HOST,
  CERT_PATH,
  CERT_URL,
  certChainPem,
  signBody,
  signingFixture,
  testTrustRoots,
  type ChainVariant,
} from '../../../src/channels/alexa/simulate/signing';
import { nock, withFakeHttp } from '../../support/fake-http';

const SKILL_ID = 'amzn1.ask.skill.6f1c1e0a-3b1d-4c4e-9a57-0c1f1b2a3d4e';
const OTHER_SKILL_ID = 'amzn1.ask.skill.00000000-0000-4000-8000-000000000000';
/** The verifier's clock in every test: a whole second, so Alexa-style timestamps (no milliseconds) are exact. */
const NOW = new Date(Math.floor(Date.now() / 1000) * 1000);

type Headers = Parameters<AlexaRequestVerifier['verify']>[0];

function alexaTimestamp(offsetSeconds = 0): string {
  return new Date(NOW.getTime() + offsetSeconds * 1000).toISOString().replace(/\.\d{3}Z$/u, 'Z');
}

/** A realistic IntentRequest envelope, as Alexa posts it to a self-hosted endpoint. */
function alexaRequest({ skillId = SKILL_ID, timestamp = alexaTimestamp() }: { skillId?: string; timestamp?: string } = {}) {
  const userId = 'amzn1.ask.account.AEXAMPLEUSERID';
  return {
    version: '1.0',
    session: {
      new: false,
      sessionId: 'amzn1.echo-api.session.0f6a2b4c-1d2e-4f3a-8b9c-0d1e2f3a4b5c',
      application: { applicationId: skillId },
      attributes: { cartId: 'cart-123' },
      user: { userId },
    },
    context: {
      System: {
        application: { applicationId: skillId },
        user: { userId },
        device: { deviceId: 'amzn1.ask.device.AEXAMPLEDEVICEID', supportedInterfaces: {} },
        apiEndpoint: 'https://api.amazonalexa.com',
        apiAccessToken: 'test-api-access-token',
      },
    },
    request: {
      type: 'IntentRequest',
      requestId: 'amzn1.echo-api.request.7d3e9c1a-2b4f-4e6a-9c8d-1a2b3c4d5e6f',
      timestamp,
      locale: 'en-US',
      dialogState: 'COMPLETED',
      intent: {
        name: 'OrderProductIntent',
        confirmationStatus: 'CONFIRMED',
        slots: {
          product: { name: 'product', value: 'coffee beans', confirmationStatus: 'NONE', source: 'USER' },
          quantity: { name: 'quantity', value: '2', confirmationStatus: 'NONE', source: 'USER' },
        },
      },
    },
  };
}

/** The raw body and the headers Alexa would send with it, signed by the given chain variant's leaf. */
function signedRequest(envelope: object = alexaRequest(), { certUrl = CERT_URL, variant = 'valid' as ChainVariant } = {}) {
  const rawBody = Buffer.from(JSON.stringify(envelope), 'utf8');
  const headers: Headers = { signaturecertchainurl: certUrl, 'signature-256': signingFixture(variant).signBody(rawBody) };
  return { rawBody, headers };
}

function serveChain(pem: string = certChainPem()): nock.Scope {
  return nock(CERT_HOST).get(CERT_PATH).reply(200, pem, { 'content-type': 'application/x-pem-file' });
}

/** The default fetcher (global fetch) throughout, so nock's interception of fetch is what serves the chain. */
function newVerifier(overrides: Partial<AlexaVerifierOptions> = {}): AlexaRequestVerifier {
  return new AlexaRequestVerifier({ skillId: SKILL_ID, trustedRoots: testTrustRoots(), now: () => NOW, ...overrides });
}

async function assertRefused(attempt: Promise<unknown>, reason: AlexaVerificationFailure): Promise<void> {
  await assert.rejects(attempt, (error: unknown) => {
    assert.ok(error instanceof AlexaVerificationError, `expected an AlexaVerificationError, got ${String(error)}`);
    assert.equal(error.reason, reason, error.message);
    return true;
  });
}

describe('Alexa request verification (SignatureCertChainUrl + Signature-256)', () => {
  withFakeHttp();
  before(() => signingFixture()); // build the test PKI once, outside any single test's time

  describe('accepts', () => {
    it('a correct request, fetching the chain with the default fetcher, and returns the parsed body', async () => {
      const scope = serveChain();
      const envelope = alexaRequest();
      const { headers, rawBody } = signedRequest(envelope);
      const body = await newVerifier().verify(headers, rawBody);
      assert.deepEqual(body, envelope);
      assert.ok(scope.isDone());
    });

    it('fetches the chain only once for two requests (cached per URL)', async () => {
      const scope = serveChain(); // one interceptor: a second fetch would find none and fail
      const verifier = newVerifier();
      const first = signedRequest(alexaRequest({ timestamp: alexaTimestamp(-5) }));
      const second = signedRequest(alexaRequest({ timestamp: alexaTimestamp(-1) }));
      await verifier.verify(first.headers, first.rawBody);
      assert.ok(scope.isDone());
      assert.ok(await verifier.verify(second.headers, second.rawBody));
    });

    it('shares one fetch between concurrent requests for the same URL', async () => {
      const scope = serveChain();
      const verifier = newVerifier();
      const { headers, rawBody } = signedRequest();
      await Promise.all([verifier.verify(headers, rawBody), verifier.verify(headers, rawBody)]);
      assert.ok(scope.isDone());
    });

    for (const seconds of [-149, 149, -150, 150]) {
      it(`a timestamp ${Math.abs(seconds)} s ${seconds < 0 ? 'old' : 'ahead'}`, async () => {
        const scope = serveChain();
        const { headers, rawBody } = signedRequest(alexaRequest({ timestamp: alexaTimestamp(seconds) }));
        assert.ok(await newVerifier().verify(headers, rawBody));
        assert.ok(scope.isDone());
      });
    }

    for (const certUrl of [
      'https://S3.AMAZONAWS.COM/echo.api/echo-api-cert-test.pem',
      'https://s3.amazonaws.com:443/echo.api/echo-api-cert-test.pem',
      'HTTPS://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert-test.pem',
    ]) {
      it(`cert URL ${certUrl}, fetched from its normalised form`, async () => {
        const scope = serveChain();
        const { headers, rawBody } = signedRequest(alexaRequest(), { certUrl });
        assert.ok(await newVerifier().verify(headers, rawBody));
        assert.ok(scope.isDone());
      });
    }

    it('hands a custom fetcher the normalised URL', async () => {
      const fetched: string[] = [];
      const verifier = newVerifier({
        fetchCertChain: async (url) => {
          fetched.push(url);
          return certChainPem();
        },
      });
      const { headers, rawBody } = signedRequest(alexaRequest(), { certUrl: 'https://S3.amazonaws.com:443/echo.api/./echo-api-cert-test.pem' });
      await verifier.verify(headers, rawBody);
      assert.deepEqual(fetched, [CERT_URL]);
    });
  });

  describe('refuses', () => {
    it('a request without SignatureCertChainUrl', async () => {
      const { headers, rawBody } = signedRequest();
      await assertRefused(newVerifier().verify({ 'signature-256': headers['signature-256'] }, rawBody), 'missing-signature-headers');
    });

    it('a request without Signature-256', async () => {
      const { rawBody } = signedRequest();
      await assertRefused(newVerifier().verify({ signaturecertchainurl: CERT_URL }, rawBody), 'missing-signature-headers');
    });

    it('empty or repeated signature headers', async () => {
      const { headers, rawBody } = signedRequest();
      const signature = headers['signature-256'] as string;
      await assertRefused(newVerifier().verify({ signaturecertchainurl: '', 'signature-256': signature }, rawBody), 'missing-signature-headers');
      await assertRefused(newVerifier().verify({ signaturecertchainurl: CERT_URL, 'signature-256': '' }, rawBody), 'missing-signature-headers');
      await assertRefused(
        newVerifier().verify({ signaturecertchainurl: [CERT_URL, CERT_URL], 'signature-256': signature }, rawBody),
        'missing-signature-headers',
      );
    });

    for (const certUrl of [
      'http://s3.amazonaws.com/echo.api/echo-api-cert-test.pem',
      'https://notamazon.com/echo.api/echo-api-cert-test.pem',
      'https://s3.amazonaws.com.evil.example/echo.api/echo-api-cert-test.pem',
      'https://s3.amazonaws.com/echo.api/../x',
      'https://s3.amazonaws.com/echo.api/%2e%2e/x',
      'https://s3.amazonaws.com:8443/echo.api/echo-api-cert-test.pem',
      'https://s3.amazonaws.com/ECHO.API/echo-api-cert-test.pem',
    ]) {
      it(`cert URL ${certUrl}, without fetching anything`, async () => {
        const scope = serveChain();
        const { headers, rawBody } = signedRequest(alexaRequest(), { certUrl });
        await assertRefused(newVerifier().verify(headers, rawBody), 'bad-cert-url');
        assert.ok(!scope.isDone(), 'the chain must not be fetched for a refused URL');
      });
    }

    it('a chain whose signing certificate has expired', async () => {
      const scope = serveChain(signingFixture('expired-leaf').chainPem);
      const { headers, rawBody } = signedRequest(alexaRequest(), { variant: 'expired-leaf' });
      await assertRefused(newVerifier().verify(headers, rawBody), 'cert-expired');
      assert.ok(scope.isDone());
    });

    it('a signing certificate without echo-api.amazon.com in its SAN (CN and *.amazon.com do not count)', async () => {
      const scope = serveChain(signingFixture('wrong-san').chainPem);
      const { headers, rawBody } = signedRequest(alexaRequest(), { variant: 'wrong-san' });
      await assertRefused(newVerifier().verify(headers, rawBody), 'cert-san-mismatch');
      assert.ok(scope.isDone());
    });

    it('a chain from a CA that is not trusted (same names, other keys)', async () => {
      const scope = serveChain(signingFixture('untrusted').chainPem);
      const { headers, rawBody } = signedRequest(alexaRequest(), { variant: 'untrusted' });
      await assertRefused(newVerifier().verify(headers, rawBody), 'cert-untrusted');
      assert.ok(scope.isDone());
    });

    it('a valid chain when the default trust store (Node root certificates) is used', async () => {
      const scope = serveChain();
      const { headers, rawBody } = signedRequest();
      await assertRefused(new AlexaRequestVerifier({ skillId: SKILL_ID, now: () => NOW }).verify(headers, rawBody), 'cert-untrusted');
      assert.ok(scope.isDone());
    });

    it('a cached chain when now() has moved outside its validity (dates re-checked on every request)', async () => {
      const scope = serveChain();
      let clock = NOW;
      const verifier = newVerifier({ now: () => clock });
      const { headers, rawBody } = signedRequest();
      await verifier.verify(headers, rawBody);
      assert.ok(scope.isDone());
      clock = new Date(signingFixture().leafNotBefore.getTime() - 1000);
      await assertRefused(verifier.verify(headers, rawBody), 'cert-expired');
    });

    it('a chain that cannot be fetched, remembering the failure for a minute, then tries again', async () => {
      const failing = nock(CERT_HOST).get(CERT_PATH).reply(404, 'NoSuchKey');
      let now = NOW;
      const verifier = newVerifier({ now: () => now });
      const { headers, rawBody } = signedRequest();
      await assertRefused(verifier.verify(headers, rawBody), 'cert-fetch-failed');
      assert.ok(failing.isDone());
      // Within the minute the failure is answered from memory: the chain is there again, but not fetched.
      const serving = serveChain();
      now = new Date(NOW.getTime() + 30_000);
      await assertRefused(verifier.verify(headers, rawBody), 'cert-fetch-failed');
      assert.ok(!serving.isDone());
      now = new Date(NOW.getTime() + 61_000);
      assert.ok(await verifier.verify(headers, rawBody));
      assert.ok(serving.isDone());
    });

    it('a chain larger than 64 KiB', async () => {
      const scope = serveChain(`${certChainPem()}${' '.repeat(64 * 1024)}`);
      const { headers, rawBody } = signedRequest();
      await assertRefused(newVerifier().verify(headers, rawBody), 'cert-fetch-failed');
      assert.ok(scope.isDone());
    });

    it('a chain that holds no certificate', async () => {
      const scope = serveChain('<Error><Code>AccessDenied</Code></Error>');
      const { headers, rawBody } = signedRequest();
      await assertRefused(newVerifier().verify(headers, rawBody), 'cert-invalid');
      assert.ok(scope.isDone());
    });

    it('a body changed by one byte after signing', async () => {
      const scope = serveChain();
      const { headers, rawBody } = signedRequest();
      const tampered = Buffer.from(rawBody);
      const at = tampered.indexOf('coffee beans');
      tampered[at] = 'C'.charCodeAt(0);
      JSON.parse(tampered.toString('utf8')); // still a well-formed request: only the signature gives it away
      await assertRefused(newVerifier().verify(headers, tampered), 'signature-mismatch');
      assert.ok(scope.isDone());
    });

    it('a garbage base64 signature', async () => {
      serveChain();
      const { headers, rawBody } = signedRequest();
      const verifier = newVerifier();
      for (const signature of ['!!not*base64!!', 'AAAA', Buffer.alloc(256, 7).toString('base64'), `${headers['signature-256'] as string}AAAA`]) {
        await assertRefused(verifier.verify({ ...headers, 'signature-256': signature }, rawBody), 'signature-mismatch');
      }
    });

    it('a correctly signed body that is not JSON', async () => {
      serveChain();
      const rawBody = Buffer.from('version=1.0&request=IntentRequest', 'utf8');
      await assertRefused(newVerifier().verify({ signaturecertchainurl: CERT_URL, 'signature-256': signBody(rawBody) }, rawBody), 'malformed-body');
    });

    for (const seconds of [-151, 151]) {
      it(`a timestamp ${Math.abs(seconds)} s ${seconds < 0 ? 'old' : 'ahead'}`, async () => {
        serveChain();
        const { headers, rawBody } = signedRequest(alexaRequest({ timestamp: alexaTimestamp(seconds) }));
        await assertRefused(newVerifier().verify(headers, rawBody), 'timestamp-out-of-range');
      });
    }

    it('a missing or non-ISO timestamp', async () => {
      serveChain();
      const verifier = newVerifier();
      for (const timestamp of ['', 'yesterday', NOW.toUTCString(), alexaTimestamp().replace('Z', ''), '2025-02-30T12:00:00Z']) {
        const { headers, rawBody } = signedRequest(alexaRequest({ timestamp }));
        await assertRefused(verifier.verify(headers, rawBody), 'timestamp-out-of-range');
      }
    });

    it('a request for another skill', async () => {
      serveChain();
      const { headers, rawBody } = signedRequest(alexaRequest({ skillId: OTHER_SKILL_ID }));
      await assertRefused(newVerifier().verify(headers, rawBody), 'wrong-skill');
    });

    it('a request whose context and session name different skills', async () => {
      serveChain();
      const envelope = alexaRequest();
      envelope.session.application.applicationId = OTHER_SKILL_ID;
      const { headers, rawBody } = signedRequest(envelope);
      await assertRefused(newVerifier().verify(headers, rawBody), 'wrong-skill');
    });

    it('a tolerance above Amazon’s 150 s at construction', () => {
      assert.throws(() => newVerifier({ toleranceSeconds: 151 }), RangeError);
    });
  });

  describe('normalizeCertChainUrl', () => {
    const accepted: [string, string][] = [
      ['https://s3.amazonaws.com/echo.api/echo-api-cert.pem', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem'],
      ['https://s3.amazonaws.com:443/echo.api/echo-api-cert.pem', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem'],
      ['HTTPS://S3.AMAZONAWS.COM/echo.api/echo-api-cert.pem', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem'],
      ['https://s3.amazonaws.com/echo.api/../echo.api/echo-api-cert.pem', 'https://s3.amazonaws.com/echo.api/echo-api-cert.pem'],
    ];
    for (const [input, normalised] of accepted) {
      it(`accepts ${input} as ${normalised}`, () => {
        assert.equal(normalizeCertChainUrl(input)?.href, normalised);
      });
    }

    for (const input of [
      'http://s3.amazonaws.com/echo.api/echo-api-cert.pem',
      'https://notamazon.com/echo.api/echo-api-cert.pem',
      'https://s3.amazonaws.com/EcHo.aPi/echo-api-cert.pem',
      'https://s3.amazonaws.com/invalid.path/echo-api-cert.pem',
      'https://s3.amazonaws.com:563/echo.api/echo-api-cert.pem',
      'https://s3.amazonaws.com/echo.api/../x',
      'https://s3.amazonaws.com/echo.api/%2e%2e/x',
      'https://s3.amazonaws.com/echo.api/.%2E/x',
      'https://s3.amazonaws.com/echo.api/..%2fx',
      'https://s3.amazonaws.com/echo.api/',
      'https://user:pass@s3.amazonaws.com/echo.api/echo-api-cert.pem',
      'https://s3.amazonaws.com/echo.api/echo-api-cert.pem?x=1',
      'https://s3.amazonaws.com/echo.api/echo-api\tcert.pem',
      'https://s3.amazonaws.com./echo.api/echo-api-cert.pem',
      'not a url',
    ]) {
      it(`refuses ${JSON.stringify(input)}`, () => {
        assert.equal(normalizeCertChainUrl(input), null);
      });
    }
  });
});
