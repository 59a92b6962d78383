/**
 * WhatsApp Cloud API limits for messages sent with POST /{phone-number-id}/messages. Renderers never
 * exceed them. Lengths are counted here in UTF-16 code units (String#length), which is never less than
 * the character count Meta documents, so staying within them in code units is always within the API's.
 */
export const WHATSAPP_LIMITS = {
  /** `text.body` of a plain text message. */
  textBody: 4096,
  /** `interactive.body.text` of button, list, product and product_list messages. */
  interactiveBody: 1024,
  /** `interactive.header.text` (type "text"); required on product_list messages. */
  headerText: 60,
  /** `interactive.footer.text`. */
  footerText: 60,
  /** Reply buttons per interactive "button" message. */
  replyButtons: 3,
  /** `reply.title` of a reply button; must also be unique within the message. */
  buttonTitle: 20,
  /** `reply.id` of a reply button, echoed back in the webhook. */
  buttonId: 256,
  /** `action.button`, the label that opens a list message. */
  listButtonLabel: 20,
  /** Rows of a list message, counted across all of its sections. */
  listRows: 10,
  /** Sections of a list message. */
  listSections: 10,
  /** `rows[].title` of a list message. */
  listRowTitle: 24,
  /** `rows[].description` of a list message. */
  listRowDescription: 72,
  /** `sections[].title` (required once there is more than one section). */
  listSectionTitle: 24,
  /** `rows[].id` of a list message, echoed back in the webhook. */
  listRowId: 200,
  /** Products of a product_list (multi-product) message, across all sections; needs a catalog id. */
  productListItems: 30,
  /** Sections of a product_list message. */
  productListSections: 10,
} as const;
