/**
 * Verify that a request to our self-hosted Alexa skill endpoint really comes from Amazon, following "Host a custom
 * skill as a web service" (SignatureCertChainUrl + Signature-256, request timestamp, skill id). The signature is
 * checked before anything in the body is read.
 */
import { verify as verifySignature, constants, type KeyObject, type X509Certificate } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import {
  assertChainCurrent,
  defaultTrustedRoots,
  fetchCertChainOverHttps,
  MAX_CERT_CHAIN_BYTES,
  parseCertificateChain,
  validateChain,
  type ValidatedChain,
} from './cert-chain';
import { normalizeCertChainUrl } from './cert-url';
import { refuse } from './errors';
import { assertFreshTimestamp, assertSkillId, parseRequestBody } from './request-body';

export { AlexaVerificationError, type AlexaVerificationFailure } from './errors';
export { normalizeCertChainUrl } from './cert-url';

/**
 * The certificate cache is filled before any signature is checked, so anyone can make us fetch and
 * remember: it holds at most this many chains (least recently used goes first). Amazon signs with a
 * handful of certificates at a time.
 */
const MAX_CACHED_CHAINS = 16;
/** A URL that failed is not fetched again for this long, so repeating a bad URL costs nothing. */
const FAILURE_MEMORY_MS = 60_000;
/** At most this many certificate fetches per interval, whatever the URLs: a flood of new URLs is refused. */
const MAX_FETCHES_PER_INTERVAL = 10;
const FETCH_INTERVAL_MS = 60_000;

/** Amazon: "allow a tolerance of no more than 150 seconds". */
const MAX_TOLERANCE_SECONDS = 150;
/** Canonical padded base64 (RFC 4648 §4), nothing else: Buffer.from(…, 'base64') would skip junk silently. */
const STRICT_BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/u;

export interface AlexaVerifierOptions {
  skillId: string;
  /** Default: Node's tls.rootCertificates, parsed. */
  trustedRoots?: X509Certificate[];
  /** Default: GET with global fetch, 5 s timeout, at most 64 KiB, no redirects. */
  fetchCertChain?: (url: string) => Promise<string>;
  now?: () => Date;
  /** Default 150, which is also the most Amazon allows. */
  toleranceSeconds?: number;
}

/** A Map used as a bounded LRU: a read moves the entry to the end, an insert past the cap drops the oldest. */
class BoundedCache<V> {
  readonly #entries = new Map<string, V>();
  constructor(readonly capacity: number) {}
  get size(): number {
    return this.#entries.size;
  }
  get(key: string): V | undefined {
    const value = this.#entries.get(key);
    if (value === undefined) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, value);
    return value;
  }
  set(key: string, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, value);
    while (this.#entries.size > this.capacity) this.#entries.delete(this.#entries.keys().next().value!);
  }
  delete(key: string): void {
    this.#entries.delete(key);
  }
}

/** Node lower-cases header names; `req.headers` itself is accepted too. */
export interface AlexaSignatureHeaders {
  signaturecertchainurl?: string | string[];
  'signature-256'?: string | string[];
}

function singleValue(value: string | string[] | undefined): string | undefined {
  const only = Array.isArray(value) ? (value.length === 1 ? value[0] : undefined) : value;
  return typeof only === 'string' && only.length > 0 ? only : undefined;
}

function assertSignedBy(signingKey: KeyObject, signature: string, rawBody: Buffer): void {
  if (!STRICT_BASE64.test(signature)) refuse('signature-mismatch', 'Signature-256 is not base64');
  let valid: boolean;
  try {
    valid = verifySignature('sha256', rawBody, { key: signingKey, padding: constants.RSA_PKCS1_PADDING }, Buffer.from(signature, 'base64'));
  } catch {
    valid = false;
  }
  if (!valid) refuse('signature-mismatch', 'Signature-256 does not match the request body');
}

export class AlexaRequestVerifier {
  readonly #skillId: string;
  readonly #trustedRoots: readonly X509Certificate[];
  readonly #fetchCertChain: (url: string) => Promise<string>;
  readonly #now: () => Date;
  readonly #toleranceMs: number;
  /** Validated chains by normalised URL, kept until the leaf's notAfter (or pushed out by newer ones). */
  readonly #chains = new BoundedCache<ValidatedChain>(MAX_CACHED_CHAINS);
  /** Recent failures by normalised URL: the error to throw again, until when. */
  readonly #failures = new BoundedCache<{ error: unknown; until: number }>(MAX_CACHED_CHAINS * 4);
  /** Start times of the fetches in the current interval. */
  #recentFetches: number[] = [];
  /** One fetch at a time per URL; concurrent requests share it. */
  readonly #inFlight = new Map<string, Promise<ValidatedChain>>();

  constructor(options: AlexaVerifierOptions) {
    if (typeof options.skillId !== 'string' || options.skillId.length === 0) throw new TypeError('skillId is required');
    const tolerance = options.toleranceSeconds ?? MAX_TOLERANCE_SECONDS;
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > MAX_TOLERANCE_SECONDS) {
      throw new RangeError(`toleranceSeconds must be between 0 and ${MAX_TOLERANCE_SECONDS}`);
    }
    this.#skillId = options.skillId;
    this.#trustedRoots = options.trustedRoots ? [...options.trustedRoots] : defaultTrustedRoots();
    this.#fetchCertChain = options.fetchCertChain ?? fetchCertChainOverHttps;
    this.#now = options.now ?? (() => new Date());
    this.#toleranceMs = tolerance * 1000;
  }

  /** Throws AlexaVerificationError; resolves with the parsed JSON body when everything holds. */
  async verify(headers: AlexaSignatureHeaders | IncomingHttpHeaders, rawBody: Buffer): Promise<unknown> {
    if (!Buffer.isBuffer(rawBody)) throw new TypeError('rawBody must be the raw request body as a Buffer');
    const certUrl = singleValue(headers.signaturecertchainurl);
    const signature = singleValue(headers['signature-256']);
    if (certUrl === undefined || signature === undefined) {
      refuse('missing-signature-headers', 'SignatureCertChainUrl and Signature-256 must each be present once');
    }
    const url = normalizeCertChainUrl(certUrl);
    if (!url) refuse('bad-cert-url', 'SignatureCertChainUrl is not an Amazon certificate URL');

    const chain = await this.#chainFor(url.href);
    const nowMs = this.#nowMs();
    assertChainCurrent(chain, nowMs);
    assertSignedBy(chain.signingKey, signature, rawBody);

    const body = parseRequestBody(rawBody);
    assertFreshTimestamp(body, nowMs, this.#toleranceMs);
    assertSkillId(body, this.#skillId);
    return body;
  }

  #nowMs(): number {
    const ms = this.#now().getTime();
    if (!Number.isFinite(ms)) throw new TypeError('now() returned an invalid date');
    return ms;
  }

  /** How many chains are cached (for tests and metrics). */
  get cachedChains(): number {
    return this.#chains.size;
  }

  async #chainFor(url: string): Promise<ValidatedChain> {
    const nowMs = this.#nowMs();
    const cached = this.#chains.get(url);
    if (cached) {
      if (nowMs <= cached.expiresAt) return cached;
      this.#chains.delete(url);
    }
    const failed = this.#failures.get(url);
    if (failed && nowMs < failed.until) throw failed.error;
    let pending = this.#inFlight.get(url);
    if (!pending) {
      this.#takeFetchSlot(nowMs);
      pending = this.#fetchAndValidate(url)
        .catch((error: unknown) => {
          this.#failures.set(url, { error, until: this.#nowMs() + FAILURE_MEMORY_MS });
          throw error;
        })
        .finally(() => this.#inFlight.delete(url));
      this.#inFlight.set(url, pending);
    }
    return pending;
  }

  #takeFetchSlot(nowMs: number): void {
    this.#recentFetches = this.#recentFetches.filter((at) => nowMs - at < FETCH_INTERVAL_MS);
    if (this.#recentFetches.length >= MAX_FETCHES_PER_INTERVAL) refuse('cert-fetch-limited', 'too many certificate chain fetches; try again shortly');
    this.#recentFetches.push(nowMs);
  }

  async #fetchAndValidate(url: string): Promise<ValidatedChain> {
    let pem: string;
    try {
      pem = await this.#fetchCertChain(url);
    } catch (error) {
      return refuse('cert-fetch-failed', `could not fetch the certificate chain: ${(error as Error)?.message ?? String(error)}`);
    }
    if (typeof pem !== 'string') refuse('cert-fetch-failed', 'certificate chain fetcher did not return text');
    if (Buffer.byteLength(pem, 'utf8') > MAX_CERT_CHAIN_BYTES) refuse('cert-fetch-failed', 'certificate chain is larger than 64 KiB');
    const chain = validateChain(parseCertificateChain(pem), this.#trustedRoots);
    if (this.#nowMs() <= chain.expiresAt) this.#chains.set(url, chain);
    return chain;
  }
}
