/**
 * What Dialogflow ES and the Assistant accept in a webhook response (Dialogflow ES fulfillment reference;
 * Actions on Google "Responses" and "Visual selection responses" pages). Renderers never exceed these.
 */
export const GOOGLE_LIMITS = {
  /** One Assistant chat bubble (simpleResponse textToSpeech and displayText); longer text is cut by Google. */
  simpleResponseCharacters: 640,
  /** Suggestion chips per turn, and characters per chip. Not allowed at all in a final response. */
  suggestions: 8,
  suggestionCharacters: 25,
  /** A carousel needs at least two tiles and shows at most ten; a list takes up to thirty. */
  carouselMinItems: 2,
  carouselMaxItems: 10,
  listMaxItems: 30,
  /** Quick replies in Dialogflow's generic message (the strictest integration, Messenger, shows 13 of 20 characters). */
  quickReplies: 13,
  quickReplyCharacters: 20,
  /** Buttons on a generic card. */
  cardButtons: 3,
  /** How long an awaiting_* context outlives the question that set it: the answer, plus one turn of slack. */
  answerContextLifespan: 2,
  /** Dialogflow webhook requests are a few kilobytes; anything far larger is not Dialogflow's. */
  requestBodyBytes: 256 * 1024,
} as const;

/** Output contexts the agent's intents listen for, so a bare "yes" or "4321" lands on the right intent. */
export const ANSWER_CONTEXTS = {
  yesNo: 'awaiting_yes_no',
  voiceCode: 'awaiting_voice_code',
} as const;
