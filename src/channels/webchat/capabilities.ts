/**
 * The web chat channel's own limits: we define the format, so these are our promises to widget authors
 * (and our guard against oversized input), not a platform's. Renderers never exceed them; the inbound
 * schema refuses anything beyond them with a 400.
 */
export const WEBCHAT_LIMITS = {
  /** A customer message's text. */
  inboundTextCharacters: 2000,
  /** A choice id sent back (ours are short: "YES", "ADD:<sku>"). */
  choiceIdCharacters: 200,
  /** The client's id of a message, used to answer a resend with the stored reply. */
  messageIdCharacters: 128,
  /** The JSON request body. */
  requestBodyBytes: 16 * 1024,
  /** A reply's text. */
  textCharacters: 4000,
  /** Buttons shown under a reply; more are listed by number in the text (a typed number picks them). */
  choices: 10,
  choiceLabelCharacters: 40,
  /** Product cards in one reply. */
  cards: 10,
  cardTitleCharacters: 80,
  cardSubtitleCharacters: 160,
  cardChoices: 3,
} as const;
