/**
 * What Messenger and Instagram accept in a Send API `message`. Lengths are enforced in UTF-16 code
 * units (String#length), which is never fewer than Meta's "characters", so staying under them in
 * code units stays under them however Meta counts. Renderers never exceed these.
 */
export const MESSENGER_LIMITS = {
  /** A text message: 2000 characters (Send API `message.text`). */
  textCharacters: 2000,
  /** Quick replies on one message: at most 13. */
  quickReplies: 13,
  /** A quick reply title: 20 characters (longer ones are truncated by the client; we trim ourselves). */
  quickReplyTitleCharacters: 20,
  /** A quick reply payload comes back on the `messages` webhook: 1000 characters. */
  quickReplyPayloadCharacters: 1000,
  /** Generic template carousel: at most 10 elements. */
  genericElements: 10,
  /** Generic template element title: 80 characters. */
  genericTitleCharacters: 80,
  /** Generic template element subtitle: 80 characters. */
  genericSubtitleCharacters: 80,
  /** Buttons on one generic template element: at most 3. */
  genericButtonsPerElement: 3,
  /** A button title (postback, URL): 20 characters. */
  buttonTitleCharacters: 20,
  /** Button template text, shown above the buttons: 640 characters. */
  buttonTemplateTextCharacters: 640,
  /** Buttons on a button template: 1 to 3. */
  buttonTemplateButtons: 3,
  /** A postback button payload, sent back on `messaging_postbacks`: 1000 characters. */
  postbackPayloadCharacters: 1000,
} as const;

export type MessengerPlatform = 'messenger' | 'instagram';

/**
 * Meta's published Send API rate (Messenger Platform rate limits): 300 calls per second per Facebook
 * Page, and per Instagram professional account, for text, links, reactions and stickers (audio and
 * video: 10, which replies never send).
 */
export const MESSENGER_SEND_LIMIT = { callsPerSecond: 300 } as const;

export interface MessengerCapabilities {
  limits: typeof MESSENGER_LIMITS;
  /** A cap on text messages in UTF-8 bytes, on top of the character cap, where the platform has one. */
  textUtf8Bytes?: number;
  /** The button template (text plus up to 3 buttons) can be sent. */
  buttonTemplate: boolean;
  /** Quick replies may ride on a template attachment; otherwise only on a text message. */
  quickRepliesOnAttachments: boolean;
}

export const PLATFORM_CAPABILITIES: Record<MessengerPlatform, MessengerCapabilities> = {
  messenger: {
    limits: MESSENGER_LIMITS,
    buttonTemplate: true,
    // The quick replies reference allows `text` or `attachment` alongside `quick_replies`.
    quickRepliesOnAttachments: true,
  },
  instagram: {
    limits: MESSENGER_LIMITS,
    /** Instagram text messages are capped at 1000 bytes of UTF-8 (an emoji is 4), tighter than 2000 characters. */
    textUtf8Bytes: 1000,
    // Instagram Messaging documents a button template (postback and URL buttons, up to 3); not on desktop/web.
    buttonTemplate: true,
    // Instagram's quick replies page documents them on text messages only.
    quickRepliesOnAttachments: false,
  },
};
