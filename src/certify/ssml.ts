import { XMLValidator } from 'fast-xml-parser';

/** The tags Alexa's SSML reference lists as supported; anything else is read out or rejected. */
export const ALEXA_SSML_TAGS = new Set(['speak', 'amazon:domain', 'amazon:effect', 'amazon:emotion', 'audio', 'break', 'emphasis', 'lang', 'p', 'phoneme', 'prosody', 's', 'say-as', 'sub', 'voice', 'w']);

const BARE_AMPERSAND = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;

/** Problems with one SSML document (empty when it is fine): well-formed XML, a single <speak> root, supported tags only. */
export function ssmlProblems(ssml: string): string[] {
  const text = ssml.trim();
  if (!/^<speak>[\s\S]*<\/speak>$/.test(text)) return ['is not wrapped in <speak>…</speak>'];
  const validation = XMLValidator.validate(text);
  if (validation !== true) return [`is not well-formed XML (${validation.err.msg})`];
  if (BARE_AMPERSAND.test(text)) return ['has an unescaped "&"'];
  const tags = new Set([...text.matchAll(/<\/?([A-Za-z][\w:.-]*)/g)].map((match) => match[1]!));
  const unsupported = [...tags].filter((tag) => !ALEXA_SSML_TAGS.has(tag));
  if (unsupported.length > 0) return [`uses tags Alexa does not support: ${unsupported.map((t) => `<${t}>`).join(', ')}`];
  if ((text.match(/<speak>/g) ?? []).length > 1) return ['nests <speak> inside <speak>'];
  return [];
}

/** The words of an SSML document, tags removed. */
export function ssmlText(ssml: string): string {
  return ssml
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|apos);/g, (_all, entity: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" })[entity] ?? ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
