/** Checks on the signed JSON body: parse, request.timestamp freshness, skill id. */
import { refuse } from './errors';

const ISO_TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/u;
const utf8 = new TextDecoder('utf-8', { fatal: true });

type JsonObject = Record<string, unknown>;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function child(value: unknown, key: string): unknown {
  return isObject(value) ? value[key] : undefined;
}

/** The body as a JSON object; invalid UTF-8, invalid JSON or a non-object is 'malformed-body'. */
export function parseRequestBody(rawBody: Buffer): JsonObject {
  let parsed: unknown;
  try {
    parsed = JSON.parse(utf8.decode(rawBody));
  } catch {
    return refuse('malformed-body', 'request body is not UTF-8 JSON');
  }
  if (!isObject(parsed)) refuse('malformed-body', 'request body is not a JSON object');
  return parsed;
}

/**
 * Milliseconds since the epoch for a strict ISO 8601 date-time with a zone (Z or ±hh:mm), as Alexa sends it
 * ("2015-05-13T12:34:56Z"); null for anything else, including impossible dates such as February 30th.
 */
export function parseIsoTimestamp(text: string): number | null {
  const match = ISO_TIMESTAMP.exec(text);
  if (!match) return null;
  const [, y, mo, d, h, mi, s, fraction, zone] = match;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  if (hour > 23 || minute > 59 || second > 59) return null;
  const base = Date.UTC(year, month - 1, day, hour, minute, second);
  const check = new Date(base);
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  const millis = fraction ? Math.floor(Number(`0${fraction}`) * 1000) : 0;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const sign = zone.startsWith('-') ? -1 : 1;
    const offsetHours = Number(zone.slice(1, 3));
    const offsetMins = Number(zone.slice(4, 6));
    if (offsetHours > 23 || offsetMins > 59) return null;
    offsetMinutes = sign * (offsetHours * 60 + offsetMins);
  }
  return base + millis - offsetMinutes * 60_000;
}

/** request.timestamp within ±tolerance of now; a missing or non-ISO timestamp cannot be in range either. */
export function assertFreshTimestamp(body: JsonObject, nowMs: number, toleranceMs: number): void {
  const timestamp = child(body.request, 'timestamp');
  if (typeof timestamp !== 'string') refuse('timestamp-out-of-range', 'request.timestamp is missing');
  const at = parseIsoTimestamp(timestamp);
  if (at === null) refuse('timestamp-out-of-range', 'request.timestamp is not an ISO 8601 date-time with a zone');
  const skew = at - nowMs;
  if (Math.abs(skew) > toleranceMs) {
    refuse('timestamp-out-of-range', `request.timestamp is ${Math.round(skew / 1000)} s from now; at most ${toleranceMs / 1000} s allowed`);
  }
}

/**
 * context.System.application.applicationId, else session.application.applicationId, must be the skill's id.
 * Where both are present both must match.
 */
export function assertSkillId(body: JsonObject, skillId: string): void {
  const ids = [
    child(child(child(body.context, 'System'), 'application'), 'applicationId'),
    child(child(body.session, 'application'), 'applicationId'),
  ].filter((id) => id !== undefined);
  if (ids.length === 0) refuse('wrong-skill', 'request names no application id');
  if (!ids.every((id) => id === skillId)) refuse('wrong-skill', 'request is for another skill');
}
