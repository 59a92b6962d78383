/**
 * WeChat Official Account platform limits (plain-text mode), enforced by the router and renderer.
 * Sources: the Official Account docs for message push, passive replies and customer-service messages.
 */
export const WECHAT_LIMITS = {
  /** Text content of a passive reply or a customer-service text message, in UTF-8 bytes. */
  contentBytes: 2048,
  /** WeChat drops the connection after 5 s and redelivers the same message up to three times. */
  responseWindowMs: 5_000,
  /** A push whose signed timestamp is older (or further ahead) than this is refused as a possible replay. */
  freshnessWindowSeconds: 300,
  /** Platforms never post XML this large; anything bigger is refused before parsing. */
  bodyLimit: '64kb',
} as const;

/** What WeChat accepts as "received, no reply": no redelivery, nothing shown to the user. */
export const WECHAT_ACK = 'success';
