/** Alexa's limits (Alexa Skills Kit response reference); renderers never exceed them. */
export const ALEXA_LIMITS = {
  /** outputSpeech and reprompt text, SSML tags included. */
  speechCharacters: 8000,
  /** Title plus content of a card, together. */
  cardCharacters: 8000,
  /** Requests whose bodies are larger are not Alexa's. */
  requestBodyBytes: 256 * 1024,
} as const;
