/**
 * The SignatureCertChainUrl check of "Host a custom skill as a web service": normalise the URL first (dot
 * segments resolved, scheme and host lower-cased, the default port dropped, exactly as `new URL()` does), then
 * require https, host s3.amazonaws.com, a path under /echo.api/ (case-sensitive) and port 443 or none.
 *
 * Stricter than Amazon's list, because no URL Amazon uses needs any of these: no white space or control
 * characters anywhere (the URL parser would silently drop tabs and newlines), no user name or password, no query,
 * and no percent-encoding at all in the path: Amazon's certificate paths are plain ASCII, and every encoded
 * spelling of the same file would otherwise be a distinct URL to fetch and cache.
 */
const CERT_URL_PROTOCOL = 'https:';
const CERT_URL_HOST = 's3.amazonaws.com';
const CERT_URL_PATH_PREFIX = '/echo.api/';
const MAX_CERT_URL_LENGTH = 2048;
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const WHITESPACE_OR_CONTROL = /[\s\u0000-\u001f\u007f]/u;
const PERCENT_ENCODING = /%/u;

/** The normalised certificate chain URL (without fragment), or null when Amazon would never use it. */
export function normalizeCertChainUrl(url: string): URL | null {
  if (typeof url !== 'string' || url.length === 0 || url.length > MAX_CERT_URL_LENGTH) return null;
  if (WHITESPACE_OR_CONTROL.test(url)) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== CERT_URL_PROTOCOL) return null;
  if (parsed.hostname !== CERT_URL_HOST) return null;
  // The parser drops the scheme's default port, so an explicit :443 reads back as ''.
  if (parsed.port !== '' && parsed.port !== '443') return null;
  if (parsed.username !== '' || parsed.password !== '') return null;
  if (parsed.search !== '') return null;
  const path = parsed.pathname;
  if (!path.startsWith(CERT_URL_PATH_PREFIX) || path.length === CERT_URL_PATH_PREFIX.length) return null;
  if (PERCENT_ENCODING.test(path)) return null;
  parsed.hash = '';
  return parsed;
}
