/**
 * A stand-in for Amazon's Alexa request signing, used by the tests and by `certify`'s security self-test (which
 * must sign requests in-process, without Amazon's key): a test root CA, an intermediate CA and a signing (leaf)
 * certificate with SAN echo-api.amazon.com, built once per process with node-forge (keys come from node:crypto,
 * which generates RSA 2048 keys far faster than forge's pure-JS generator). Variants reuse the same keys where
 * they can: an expired leaf, a leaf with the wrong SAN, and a chain from a CA that is not trusted.
 */
import { generateKeyPairSync, randomBytes, sign, X509Certificate } from 'node:crypto';
import { md, pki } from 'node-forge';

export const CERT_URL = 'https://s3.amazonaws.com/echo.api/echo-api-cert-test.pem';
export const CERT_HOST = 'https://s3.amazonaws.com';
export const CERT_PATH = '/echo.api/echo-api-cert-test.pem';
export const ALEXA_SIGNING_SAN = 'echo-api.amazon.com';

const DAY_MS = 24 * 60 * 60 * 1000;

export type ChainVariant = 'valid' | 'expired-leaf' | 'wrong-san' | 'untrusted';

export interface SigningFixture {
  /** The PEM bundle Alexa would serve at SignatureCertChainUrl: leaf, then intermediate. */
  readonly chainPem: string;
  /** base64 RSA-SHA256 of the raw body with the leaf's private key, as in Signature-256. */
  signBody(raw: Buffer): string;
  /** The leaf's validity window, for tests that move the clock. */
  readonly leafNotBefore: Date;
  readonly leafNotAfter: Date;
}

interface KeyPair {
  readonly privatePem: string;
  readonly privateKey: pki.rsa.PrivateKey;
  readonly publicKey: pki.rsa.PublicKey;
}

interface Issued {
  readonly cert: pki.Certificate;
  readonly key: KeyPair;
  readonly pem: string;
}

interface IssueOptions {
  readonly commonName: string;
  readonly key: KeyPair;
  /** Absent for a self-signed root. */
  readonly issuer?: Issued;
  readonly ca: boolean;
  readonly notBefore: Date;
  readonly notAfter: Date;
  readonly dnsNames?: readonly string[];
}

function newKeyPair(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  return {
    privatePem: privateKey,
    privateKey: pki.privateKeyFromPem(privateKey) as pki.rsa.PrivateKey,
    publicKey: pki.publicKeyFromPem(publicKey) as pki.rsa.PublicKey,
  };
}

function distinguishedName(commonName: string): pki.CertificateField[] {
  return [
    { name: 'countryName', value: 'US' },
    { name: 'organizationName', value: 'Voice Commerce Test PKI' },
    { name: 'commonName', value: commonName },
  ];
}

function issue(options: IssueOptions): Issued {
  const cert = pki.createCertificate();
  cert.publicKey = options.key.publicKey;
  cert.serialNumber = `01${randomBytes(15).toString('hex')}`;
  cert.validity.notBefore = options.notBefore;
  cert.validity.notAfter = options.notAfter;
  cert.setSubject(distinguishedName(options.commonName));
  cert.setIssuer(options.issuer ? options.issuer.cert.subject.attributes : distinguishedName(options.commonName));
  const issuerKeyId = (options.issuer?.cert ?? cert).generateSubjectKeyIdentifier().getBytes();
  const extensions: object[] = [
    { name: 'subjectKeyIdentifier' },
    { name: 'authorityKeyIdentifier', keyIdentifier: issuerKeyId },
  ];
  if (options.ca) {
    extensions.push(
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true },
    );
  } else {
    extensions.push(
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true, clientAuth: true },
      { name: 'subjectAltName', altNames: (options.dnsNames ?? []).map((value) => ({ type: 2, value })) },
    );
  }
  cert.setExtensions(extensions);
  cert.sign(options.issuer?.key.privateKey ?? options.key.privateKey, md.sha256.create());
  return { cert, key: options.key, pem: pki.certificateToPem(cert) };
}

interface Pki {
  readonly root: Issued;
  readonly fixtures: Map<ChainVariant, SigningFixture>;
}

let built: Pki | undefined;

function fixtureFrom(leaf: Issued, intermediate: Issued): SigningFixture {
  return {
    chainPem: leaf.pem + intermediate.pem,
    signBody: (raw: Buffer) => sign('sha256', raw, leaf.key.privatePem).toString('base64'),
    leafNotBefore: leaf.cert.validity.notBefore,
    leafNotAfter: leaf.cert.validity.notAfter,
  };
}

function buildPki(): Pki {
  const start = Date.now();
  const validFrom = new Date(start - DAY_MS);
  const caValidTo = new Date(start + 5 * 365 * DAY_MS);
  const leafValidTo = new Date(start + 365 * DAY_MS);
  const [rootKey, intermediateKey, leafKey, rogueRootKey, rogueIntermediateKey] = Array.from({ length: 5 }, newKeyPair) as [
    KeyPair,
    KeyPair,
    KeyPair,
    KeyPair,
    KeyPair,
  ];

  const root = issue({ commonName: 'Test Alexa Root CA', key: rootKey, ca: true, notBefore: validFrom, notAfter: caValidTo });
  const intermediate = issue({
    commonName: 'Test Alexa Intermediate CA',
    key: intermediateKey,
    issuer: root,
    ca: true,
    notBefore: validFrom,
    notAfter: caValidTo,
  });
  const leaf = (overrides: Partial<IssueOptions> = {}, issuer: Issued = intermediate): Issued =>
    issue({
      commonName: ALEXA_SIGNING_SAN,
      key: leafKey,
      issuer,
      ca: false,
      notBefore: validFrom,
      notAfter: leafValidTo,
      dnsNames: [ALEXA_SIGNING_SAN],
      ...overrides,
    });

  // Same names as the trusted CAs, different keys: only the signatures tell them apart.
  const rogueRoot = issue({ commonName: 'Test Alexa Root CA', key: rogueRootKey, ca: true, notBefore: validFrom, notAfter: caValidTo });
  const rogueIntermediate = issue({
    commonName: 'Test Alexa Intermediate CA',
    key: rogueIntermediateKey,
    issuer: rogueRoot,
    ca: true,
    notBefore: validFrom,
    notAfter: caValidTo,
  });

  const fixtures = new Map<ChainVariant, SigningFixture>([
    ['valid', fixtureFrom(leaf(), intermediate)],
    ['expired-leaf', fixtureFrom(leaf({ notBefore: new Date(start - 30 * DAY_MS), notAfter: new Date(start - DAY_MS) }), intermediate)],
    ['wrong-san', fixtureFrom(leaf({ commonName: ALEXA_SIGNING_SAN, dnsNames: ['echo-api.example.com', '*.amazon.com'] }), intermediate)],
    ['untrusted', fixtureFrom(leaf({}, rogueIntermediate), rogueIntermediate)],
  ]);
  return { root, fixtures };
}

function pkiOnce(): Pki {
  built ??= buildPki();
  return built;
}

/** The signing material for one variant of the chain (built once per process). */
export function signingFixture(variant: ChainVariant = 'valid'): SigningFixture {
  const fixture = pkiOnce().fixtures.get(variant);
  if (!fixture) throw new Error(`no signing fixture ${variant}`);
  return fixture;
}

/** The roots a verifier under test should trust: the test root CA only. */
export function testTrustRoots(): X509Certificate[] {
  return [new X509Certificate(pkiOnce().root.pem)];
}

/** The valid chain's PEM bundle (leaf first, then the intermediate). */
export function certChainPem(): string {
  return signingFixture('valid').chainPem;
}

/** Signature-256 for a raw body, with the valid leaf's key. */
export function signBody(raw: Buffer): string {
  return signingFixture('valid').signBody(raw);
}
