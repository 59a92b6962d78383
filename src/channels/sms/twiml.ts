/** TwiML for a webhook answer: XML 1.0 text, escaped; no `<Message>` means "send nothing". */

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

/** Escapes markup characters and drops code points XML 1.0 does not allow (C0 controls but tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '')
    .replace(/[&<>"']/g, (char) => XML_ESCAPES[char] ?? char);
}

const DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

export const EMPTY_TWIML = `${DECLARATION}<Response/>`;

/** One `<Message>` per body; empty bodies are skipped, so no bodies is the empty response. */
export function twimlMessages(bodies: string[]): string {
  const messages = bodies.filter((body) => body !== '').map((body) => `<Message>${escapeXml(body)}</Message>`);
  return messages.length === 0 ? EMPTY_TWIML : `${DECLARATION}<Response>${messages.join('')}</Response>`;
}
