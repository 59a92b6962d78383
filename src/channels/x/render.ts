import type { Reply } from '../../conversation/turn';
import { renderNumberedText } from '../numbered-text';
import { splitText } from '../text-fit';
import { X_LIMITS } from './capabilities';

/** `text` then `suffix` within `max` code units: the text cut (between graphemes, at a sentence or word where it can) with '…'. */
function fitWithin(text: string, suffix: string, max: number): string {
  if (text.length + suffix.length <= max) return text + suffix;
  const room = max - suffix.length - 1;
  const kept = room > 0 ? (splitText(text, { units: room })[0] ?? '').trimEnd() : '';
  return kept ? `${kept}…${suffix}` : suffix.slice(0, max);
}

/** Plain text as one direct message within X's limit (notifications). */
export function fitDirectMessage(text: string, maxCharacters: number = X_LIMITS.textCharacters): string {
  return fitWithin(text.trim(), '', maxCharacters);
}

/**
 * A neutral Reply as the texts of X direct messages: the v2 send API has no buttons, so choices and
 * cards are the shared numbered text (a bare "2" picks the second choice), within X's length limit.
 * An empty list means nothing to send.
 */
export function renderXMessages(reply: Reply, maxCharacters: number = X_LIMITS.textCharacters): string[] {
  const { body } = renderNumberedText(reply, {
    fits: (text) => text.length <= maxCharacters,
    fitText: (text, suffix) => fitWithin(text, suffix, maxCharacters),
    labelEllipsis: '…',
  });
  return body ? [body] : [];
}
