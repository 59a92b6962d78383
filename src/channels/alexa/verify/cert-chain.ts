/**
 * Fetching, parsing and validating the certificate chain Alexa names in SignatureCertChainUrl, with node:crypto
 * only. The checks that do not depend on the clock (parse, SAN, chain of signatures up to a trusted root) run
 * once per fetched chain; the validity dates of every certificate in the chain are checked on every request.
 */
import { X509Certificate, type KeyObject } from 'node:crypto';
import { rootCertificates } from 'node:tls';
import { refuse } from './errors';

export const ALEXA_SIGNING_DOMAIN = 'echo-api.amazon.com';
export const CERT_FETCH_TIMEOUT_MS = 5_000;
export const MAX_CERT_CHAIN_BYTES = 64 * 1024;
const MAX_CHAIN_LENGTH = 8;

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/gu;
const PEM_BEGIN = /-----BEGIN [^-]*-----/gu;

interface DatedCertificate {
  readonly cert: X509Certificate;
  readonly notBefore: number;
  readonly notAfter: number;
}

/** A chain that passed every clock-independent check; `expiresAt` is the leaf's notAfter (ms). */
export interface ValidatedChain {
  readonly certificates: readonly DatedCertificate[];
  readonly signingKey: KeyObject;
  readonly expiresAt: number;
}

let nodeRoots: X509Certificate[] | undefined;

/** Node's bundled Mozilla root store, parsed once. */
export function defaultTrustedRoots(): X509Certificate[] {
  nodeRoots ??= rootCertificates.map((pem) => new X509Certificate(pem));
  return nodeRoots;
}

/** GET over global fetch: no redirects, 200 only, 5 s for the whole exchange, at most 64 KiB. */
export async function fetchCertChainOverHttps(url: string): Promise<string> {
  const response = await fetch(url, {
    redirect: 'error',
    signal: AbortSignal.timeout(CERT_FETCH_TIMEOUT_MS),
    headers: { accept: 'application/x-pem-file, application/x-x509-ca-cert, text/plain, */*' },
  });
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`certificate chain answered HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get('content-length') ?? '0');
  if (declared > MAX_CERT_CHAIN_BYTES) {
    await response.body?.cancel().catch(() => undefined);
    throw new Error(`certificate chain declares ${declared} bytes, more than ${MAX_CERT_CHAIN_BYTES}`);
  }
  if (!response.body) throw new Error('certificate chain response has no body');
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > MAX_CERT_CHAIN_BYTES) {
      await reader.cancel().catch(() => undefined);
      throw new Error(`certificate chain is larger than ${MAX_CERT_CHAIN_BYTES} bytes`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function parseDate(text: string, what: string): number {
  const ms = Date.parse(text);
  if (!Number.isFinite(ms)) refuse('cert-invalid', `${what} has an unreadable validity date`);
  return ms;
}

/** Every certificate in a PEM bundle, leaf first; anything but certificates (or nothing) is refused. */
export function parseCertificateChain(pem: string): DatedCertificate[] {
  if (Buffer.byteLength(pem, 'utf8') > MAX_CERT_CHAIN_BYTES) refuse('cert-invalid', 'certificate chain is too large');
  const blocks = pem.match(PEM_CERTIFICATE) ?? [];
  const begins = pem.match(PEM_BEGIN) ?? [];
  if (blocks.length === 0) refuse('cert-invalid', 'certificate chain holds no PEM certificate');
  if (begins.length !== blocks.length) refuse('cert-invalid', 'certificate chain holds PEM blocks that are not certificates');
  if (blocks.length > MAX_CHAIN_LENGTH) refuse('cert-invalid', `certificate chain is longer than ${MAX_CHAIN_LENGTH}`);
  return blocks.map((block, index) => {
    let cert: X509Certificate;
    try {
      cert = new X509Certificate(block);
    } catch (error) {
      return refuse('cert-invalid', `certificate ${index} does not parse: ${(error as Error).message}`);
    }
    return {
      cert,
      notBefore: parseDate(cert.validFrom, `certificate ${index}`),
      notAfter: parseDate(cert.validTo, `certificate ${index}`),
    };
  });
}

function isSignedBy(child: X509Certificate, issuer: X509Certificate): boolean {
  if (!issuer.ca || !child.checkIssued(issuer)) return false;
  try {
    return child.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/**
 * The clock-independent checks, in Amazon's order: the signing (leaf) certificate names echo-api.amazon.com as a
 * DNS subject alternative name (exactly; no wildcard, the subject CN is not consulted) and holds an RSA key; each
 * certificate is issued and signed by the next one, which must be a CA; the last one is a trusted root or is
 * issued and signed by one.
 */
export function validateChain(certificates: readonly DatedCertificate[], trustedRoots: readonly X509Certificate[]): ValidatedChain {
  const leaf = certificates[0]?.cert;
  if (!leaf) return refuse('cert-invalid', 'certificate chain is empty');
  const san = leaf.checkHost(ALEXA_SIGNING_DOMAIN, { subject: 'never', wildcards: false, partialWildcards: false });
  if (san?.toLowerCase() !== ALEXA_SIGNING_DOMAIN) {
    refuse('cert-san-mismatch', `signing certificate does not name ${ALEXA_SIGNING_DOMAIN} in its subject alternative names`);
  }
  if (leaf.ca) refuse('cert-invalid', 'signing certificate is a CA certificate');
  if (leaf.publicKey.asymmetricKeyType !== 'rsa') refuse('cert-invalid', 'signing certificate does not hold an RSA key');

  for (let i = 0; i + 1 < certificates.length; i += 1) {
    const child = certificates[i]!.cert;
    const issuer = certificates[i + 1]!.cert;
    if (!isSignedBy(child, issuer)) refuse('cert-untrusted', `certificate ${i} is not issued and signed by certificate ${i + 1}`);
  }
  const last = certificates[certificates.length - 1]!.cert;
  const anchored = trustedRoots.some((root) => root.raw.equals(last.raw) || isSignedBy(last, root));
  if (!anchored) refuse('cert-untrusted', 'certificate chain does not lead to a trusted root');

  return { certificates, signingKey: leaf.publicKey, expiresAt: certificates[0]!.notAfter };
}

/** notBefore <= now <= notAfter for the leaf and for every other certificate the chain carries. */
export function assertChainCurrent(chain: ValidatedChain, nowMs: number): void {
  chain.certificates.forEach(({ notBefore, notAfter }, index) => {
    if (nowMs < notBefore || nowMs > notAfter) {
      const which = index === 0 ? 'signing certificate' : `chain certificate ${index}`;
      refuse('cert-expired', `${which} is not valid at ${new Date(nowMs).toISOString()}`);
    }
  });
}
