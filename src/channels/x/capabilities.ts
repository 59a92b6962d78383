/**
 * What the X API v2 direct message send endpoint (POST /2/dm_conversations/with/:participant_id/messages)
 * accepts: a body of `text` (and media attachments, which replies do not use). Lengths are counted in
 * UTF-16 code units, never fewer than X's characters, so staying within them stays within X's limit.
 */
export const X_LIMITS = {
  /** `text` of one direct message: "up to 10,000 characters" (developer.x.com, the v2 endpoint's reference). */
  textCharacters: 10_000,
  /**
   * The v2 send endpoint takes only `text` and `attachments`: quick-reply options existed on the
   * v1.1 direct_messages/events/new endpoint only, so every choice is numbered text.
   */
  quickReplies: 0,
  /** An Account Activity delivery batches events; a DM is at most 10,000 characters, so 1 MiB is ample. */
  requestBodyBytes: 1024 * 1024,
} as const;

/**
 * How long after the customer's last DM the shop may still write to them unprompted.
 * UNCONFIRMED: X documents this window (24 hours, up to 5 replies) only for the v1.1 send endpoint;
 * the v2 endpoint's reference names only rate limits. Kept as the conservative rule for notifications.
 */
export const X_REPLY_WINDOW_MS = 24 * 60 * 60 * 1000;
