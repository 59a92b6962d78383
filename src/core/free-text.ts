/**
 * Everything a shopper types or says is cut to this many characters before any pattern runs on it.
 * Our rules are regular expressions and a fuzzy catalog matcher; bounding their input bounds their
 * time, whatever the channel's body limit is (a Messenger message may be 20,000 digits). No real
 * request to a shop needs more; the README documents the figure.
 */
export const FREE_TEXT_MAX_CHARACTERS = 300;

/** The largest number read from free text or a slot ("under $9999999"); anything longer is not a number we act on. */
export const MAX_SPOKEN_NUMBER = 9_999_999;

export function clipFreeText(text: string): string {
  if (text.length <= FREE_TEXT_MAX_CHARACTERS) return text;
  const cut = text.slice(0, FREE_TEXT_MAX_CHARACTERS);
  // Never leave half of a surrogate pair (an emoji cut in two) at the end.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

/** A whole number said or typed, or undefined when it is not a finite number within MAX_SPOKEN_NUMBER. */
export function boundedNumber(value: number): number | undefined {
  return Number.isFinite(value) && value >= 0 && value <= MAX_SPOKEN_NUMBER ? value : undefined;
}
