/**
 * Interests: short lowercase tags on a customer ("espresso", "city:lisbon") that agents add in the inbox,
 * the admin API sets and the event dialog adds for the city chosen, so that a campaign can reach the
 * customers interested in something (any of its tags, by equality on the customer's indexed list).
 */

/** At most this many tags per customer: enough to describe a shopper, small enough to read with the customer. */
export const MAX_INTERESTS = 20;
export const MAX_INTEREST_LENGTH = 50;

/** Lowercase letters of any script, digits, and ':', '-', '_' between them; starts with a letter or digit. */
const INTEREST_TAG = /^[\p{Ll}\p{Lo}\p{Nd}][\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Nd}:_-]*$/u;

/** What was typed as a tag, the way it is stored: NFKC, lower case, inner spaces as '-'. Bounded before it is normalized. */
export function normalizeInterest(text: string): string {
  return text.slice(0, MAX_INTEREST_LENGTH * 2).normalize('NFKC').toLowerCase().trim().replace(/\s+/g, '-');
}

/** Whether a normalized tag may be stored. */
export function isInterestTag(tag: string): boolean {
  return tag.length > 0 && tag.length <= MAX_INTEREST_LENGTH && INTEREST_TAG.test(tag);
}

/** The interest the event dialog records for the city a shopper picked. */
export function cityInterest(city: string): string {
  // A city's name may hold what a tag may not ("St. Louis"): those characters are left out.
  return `city:${normalizeInterest(city).replace(/[^\p{Ll}\p{Lo}\p{Lm}\p{Mn}\p{Nd}_-]/gu, '')}`.slice(0, MAX_INTEREST_LENGTH);
}

/** The customer's tags after adding and removing some: removals win, order kept, each once. */
export function changedInterests(current: readonly string[], add: readonly string[], remove: readonly string[]): string[] {
  const removed = new Set(remove);
  return [...new Set([...current, ...add])].filter((tag) => !removed.has(tag));
}
