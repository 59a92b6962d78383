/**
 * WhatsApp Business Platform rules that more than the WhatsApp channel folder needs (notify's outbound
 * policy, pricing): who an address is, and what a sent message is billed as.
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

/** Estimated cost per message of each pricing category, in minor units per 1000 messages (= thousandths of a minor unit per message). */
export type WhatsAppRateTable = Readonly<Record<WhatsAppPricingCategory, number>>;

/**
 * Parses "marketing:2500,utility:400,authentication:1350,service:0": every category once, each a
 * whole number of minor units per 1000 messages. Meta's rates differ by the recipient's market and
 * change; the table is the operator's estimate for their main market.
 */
export function parseRateTable(text: string): WhatsAppRateTable | string {
  const rates: Partial<Record<WhatsAppPricingCategory, number>> = {};
  for (const part of text.split(',')) {
    const match = /^\s*([a-z]+)\s*:\s*(\d{1,9})\s*$/.exec(part);
    const category = match?.[1] as WhatsAppPricingCategory | undefined;
    if (!match || !category || !WHATSAPP_PRICING_CATEGORIES.includes(category) || rates[category] !== undefined) return `expected each of ${WHATSAPP_PRICING_CATEGORIES.join(', ')} once, as category:minor-units-per-1000`;
    rates[category] = Number(match[2]);
  }
  const missing = WHATSAPP_PRICING_CATEGORIES.filter((category) => rates[category] === undefined);
  return missing.length > 0 ? `missing ${missing.join(', ')}` : (rates as WhatsAppRateTable);
}
