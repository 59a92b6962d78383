import type { Choice, Reply } from '../../conversation/turn';
import { analyzeSms, fitToSegments } from './segments';

/**
 * A neutral Reply as one SMS body within a segment budget.
 *
 * - Silent → body '' (nothing to send).
 * - Text first, then every card as a plain "Title - subtitle" line (no digit: cards are not pickable by
 *   number), then `reply.choices` numbered in their exact order: digit N is `reply.choices[N - 1]`,
 *   because the engine stores the reply's choices and maps a typed "2" to the second one itself.
 *   Up to 3 short choices and no cards render inline as "Reply 1 for Yes, 2 for No."; otherwise one
 *   "N) Label" line each.
 * - Typographic punctuation (curly quotes, dashes, ellipsis, middle dots and bullets, no-break space) is folded to GSM-7
 *   equivalents (like Twilio's Smart Encoding), so one curly apostrophe does not halve the capacity.
 *   Cards use " - " rather than an em dash for the same reason.
 * - Fitting, in order: (1) the text is trimmed at a word boundary (down to nothing) while every option
 *   is kept whole; (2) option labels are shortened (to 32, then 24 chars: shorter labels stop being
 *   distinguishable); (3) card lines are dropped from the end, then choices from the end (so the shown
 *   digits still match the choices' positions), and a last line "+N more: reply with what you want"
 *   says so; `omitted` counts the dropped lines. Returned `choices` only list shown digits.
 */

export interface SmsRenderOptions {
  /** Most segments the body may use (Twilio bills per segment; 10 = 1530 GSM-7 chars). */
  segmentBudget: number;
}

export interface SmsChoice {
  digit: string;
  id: string;
}

export interface SmsRendering {
  body: string;
  choices: SmsChoice[];
  /** Options that did not fit the budget and were left out (0 when all fit). */
  omitted: number;
}

interface Entry {
  /** Undefined for an informational card line (not pickable). */
  id?: string;
  /** The digit of a choice: its 1-based position in `reply.choices`. */
  digit?: string;
  label: string;
}

const GSM_FOLD: [RegExp, string][] = [
  [/[‘’‚‛′]/g, "'"],
  [/[“”„‟″]/g, '"'],
  [/[‐‑‒–—―−]/g, '-'],
  [/…/g, '...'],
  [/[·•∙]/g, '-'],
  [/[\u00a0\u2007\u202f\u2009\u200a]/g, ' '],
  [/\u200b|\u200c|\u200d|\u2060|\ufeff/g, ''],
];

export function foldToGsm(text: string): string {
  return GSM_FOLD.reduce((acc, [pattern, replacement]) => acc.replace(pattern, replacement), text);
}

function shorten(label: string, max: number): string {
  const chars = Array.from(label);
  if (chars.length <= max) return label;
  return chars.slice(0, Math.max(1, max - 3)).join('').trimEnd() + '...';
}

function cardEntries(reply: Reply): Entry[] {
  return (reply.cards ?? []).map((card) => ({ label: foldToGsm(card.subtitle ? `${card.title} - ${card.subtitle}` : card.title) }));
}

function choiceEntries(reply: Reply): Entry[] {
  return (reply.choices ?? []).map((choice: Choice, index) => ({ id: choice.id, digit: String(index + 1), label: foldToGsm(choice.label) }));
}

function block(entries: Entry[], maxLabel: number, omitted: number): { text: string; choices: SmsChoice[] } {
  const choices: SmsChoice[] = [];
  const lines: string[] = [];
  const pickable = entries.filter((entry) => entry.id !== undefined);
  const inline = omitted === 0 && pickable.length === entries.length && entries.length <= 3 && entries.every((e) => e.label.length <= 20);
  for (const entry of entries) {
    const label = shorten(entry.label, maxLabel);
    if (entry.id === undefined) {
      lines.push(label);
      continue;
    }
    const digit = entry.digit ?? String(choices.length + 1);
    choices.push({ digit, id: entry.id });
    lines.push(inline ? `${digit} for ${label}` : `${digit}) ${label}`);
  }
  if (omitted > 0) lines.push(`+${omitted} more: reply with what you want`);
  const text = inline && lines.length > 0 ? `Reply ${lines.join(', ')}.` : lines.join('\n');
  return { text, choices };
}

const LABEL_LIMITS = [Infinity, 32, 24];

export function renderSms(reply: Reply, options: SmsRenderOptions): SmsRendering {
  const budget = Math.max(0, Math.floor(options.segmentBudget));
  const empty: SmsRendering = { body: '', choices: [], omitted: 0 };
  if (reply.silent) return empty;

  const text = foldToGsm(reply.text ?? '').trim();
  const cards = cardEntries(reply);
  const picks = choiceEntries(reply);
  const entries = [...cards, ...picks];
  if (entries.length === 0) return { body: fitToSegments(text, budget), choices: [], omitted: 0 };

  const attempt = (shown: Entry[], maxLabel: number, omitted: number): SmsRendering | null => {
    const listed = block(shown, maxLabel, omitted);
    if (analyzeSms(listed.text).segments > budget) return null;
    const body = text ? fitToSegments(text, budget, { suffix: `\n${listed.text}` }).replace(/^\n/, '') : listed.text;
    return { body, choices: listed.choices, omitted };
  };

  for (const maxLabel of LABEL_LIMITS) {
    const rendered = attempt(entries, maxLabel, 0);
    if (rendered) return rendered;
  }
  const smallest = LABEL_LIMITS.at(-1) ?? 24;
  // Informational card lines go first, then choices from the end: shown digits keep their positions.
  for (let shownCards = cards.length - 1; shownCards >= 0; shownCards -= 1) {
    const rendered = attempt([...cards.slice(0, shownCards), ...picks], smallest, cards.length - shownCards);
    if (rendered) return rendered;
  }
  for (let shownPicks = picks.length - 1; shownPicks > 0; shownPicks -= 1) {
    const rendered = attempt(picks.slice(0, shownPicks), smallest, cards.length + picks.length - shownPicks);
    if (rendered) return rendered;
  }
  return { body: fitToSegments(text, budget), choices: [], omitted: entries.length };
}
