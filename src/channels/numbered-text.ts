import { messagesFor } from '../conversation/locales';
import type { Choice, Reply } from '../conversation/turn';

/**
 * A neutral Reply as one plain-text body with numbered options, for channels that have no buttons
 * (SMS, WeChat passive and customer-service text). The channel supplies only its budget.
 *
 * - Text first, then every card as a plain "Title - subtitle" line (no digit: cards are not pickable by
 *   number), then `reply.choices` numbered in their exact order: digit N is `reply.choices[N - 1]`,
 *   because the engine stores the reply's choices and maps a typed "2" to the second one itself.
 *   Up to 3 short choices and no cards render inline as "Reply 1 for Yes, 2 for No."; otherwise one
 *   "N) Label" line each.
 * - Fitting, in order: (1) the text is trimmed (down to nothing) while every option is kept whole;
 *   (2) option labels are shortened (to 32, then 24 chars: shorter labels stop being distinguishable);
 *   (3) card lines are dropped from the end, then choices from the end (so the shown digits still
 *   match the choices' positions), and a last line "+N more: reply with what you want" says so;
 *   `omitted` counts the dropped lines. Returned `choices` only list shown digits.
 */

export interface NumberedTextBudget {
  /** Whether a whole body is within the channel's limit. */
  fits(body: string): boolean;
  /** `text` shortened (with the channel's ellipsis) so that text + suffix fits; the suffix alone, or '', when nothing of the text fits. */
  fitText(text: string, suffix: string): string;
  /** The channel's clean-up of text and labels (SMS folds typography to GSM-7). */
  clean?(text: string): string;
  /** Appended to a shortened label; '...' by default (GSM-7 safe). */
  labelEllipsis?: string;
}

export interface NumberedChoice {
  digit: string;
  id: string;
}

export interface NumberedRendering {
  body: string;
  choices: NumberedChoice[];
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

function shorten(label: string, max: number, ellipsis: string): string {
  const chars = Array.from(label);
  if (chars.length <= max) return label;
  return chars.slice(0, Math.max(1, max - ellipsis.length)).join('').trimEnd() + ellipsis;
}

function cardEntries(reply: Reply, clean: (text: string) => string): Entry[] {
  return (reply.cards ?? []).map((card) => ({ label: clean(card.subtitle ? `${card.title} - ${card.subtitle}` : card.title) }));
}

function choiceEntries(reply: Reply, clean: (text: string) => string): Entry[] {
  return (reply.choices ?? []).map((choice: Choice, index) => ({ id: choice.id, digit: String(index + 1), label: clean(choice.label) }));
}

function block(entries: Entry[], maxLabel: number, omitted: number, ellipsis: string, locale: string | undefined): { text: string; choices: NumberedChoice[] } {
  const words = messagesFor(locale ?? 'en-US').numberedChoices;
  const choices: NumberedChoice[] = [];
  const lines: string[] = [];
  const pickable = entries.filter((entry) => entry.id !== undefined);
  const inline = omitted === 0 && pickable.length === entries.length && entries.length <= 3 && entries.every((e) => e.label.length <= 20);
  for (const entry of entries) {
    const label = shorten(entry.label, maxLabel, ellipsis);
    if (entry.id === undefined) {
      lines.push(label);
      continue;
    }
    const digit = entry.digit ?? String(choices.length + 1);
    choices.push({ digit, id: entry.id });
    lines.push(inline ? words.option(digit, label) : `${digit}) ${label}`);
  }
  if (omitted > 0) lines.push(words.more(omitted));
  const text = inline && lines.length > 0 ? words.inline(lines) : lines.join('\n');
  return { text, choices };
}

const LABEL_LIMITS = [Infinity, 32, 24];

export function renderNumberedText(reply: Reply, budget: NumberedTextBudget): NumberedRendering {
  const empty: NumberedRendering = { body: '', choices: [], omitted: 0 };
  if (reply.silent) return empty;
  const clean = budget.clean ?? ((text: string) => text);
  const ellipsis = budget.labelEllipsis ?? '...';

  const text = clean(reply.text ?? '').trim();
  const cards = cardEntries(reply, clean);
  const picks = choiceEntries(reply, clean);
  const entries = [...cards, ...picks];
  if (entries.length === 0) return { body: budget.fitText(text, ''), choices: [], omitted: 0 };

  const attempt = (shown: Entry[], maxLabel: number, omitted: number): NumberedRendering | null => {
    const listed = block(shown, maxLabel, omitted, ellipsis, reply.locale);
    if (!budget.fits(listed.text)) return null;
    const body = text ? budget.fitText(text, `\n${listed.text}`).replace(/^\n/, '') : listed.text;
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
  return { body: budget.fitText(text, ''), choices: [], omitted: entries.length };
}
