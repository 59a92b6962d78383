/**
 * WhatsApp Business Platform rules that more than the WhatsApp channel folder needs (notify's outbound
 * policy, pricing): who an address is, and which template may go where.
 */

/**
 * A business-scoped user id (BSUID): a two-letter ISO country code, a dot, and up to 128 alphanumerics,
 * with `ENT.` after the country for a parent BSUID shared by linked portfolios (Meta's business-scoped
 * user IDs page; e.g. US.13491208655302741918). A phone number (wa_id) is digits only.
 */
const BUSINESS_SCOPED_USER_ID = /^[A-Z]{2}\.(ENT\.)?[A-Za-z0-9]{1,128}$/;

export function isBusinessScopedUserId(address: string): boolean {
  return BUSINESS_SCOPED_USER_ID.test(address);
}

/** Meta's message pricing categories (per-message pricing since July 2025): what each sent message is billed as. */
export const WHATSAPP_PRICING_CATEGORIES = ['service', 'utility', 'marketing', 'authentication'] as const;
export type WhatsAppPricingCategory = (typeof WHATSAPP_PRICING_CATEGORIES)[number];

/** A template's category as Meta's template webhooks name it (MARKETING, UTILITY, AUTHENTICATION), as a pricing category. */
export function pricingCategoryOfTemplate(category: string): WhatsAppPricingCategory | null {
  const lower = category.toLowerCase();
  return lower === 'utility' || lower === 'marketing' || lower === 'authentication' ? lower : null;
}

/**
 * Whether a marketing template may go to this address. Meta stopped delivering marketing templates to
 * +1 (US) phone numbers on 1 April 2025 (its per-user marketing template limits; AWS End User Messaging
 * repeats it). A BSUID carries its country as letters: a US one is refused the same way.
 */
export function marketingTemplateAllowedTo(address: string): boolean {
  if (isBusinessScopedUserId(address)) return !address.startsWith('US.');
  return !address.replace(/^\+/, '').startsWith('1');
}
