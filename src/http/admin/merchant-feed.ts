import type { Config } from '../../config';
import { minorDigits } from '../../core/money';
import { listActiveProducts } from '../../store/catalog-store';

/**
 * The catalogue as a Google Merchant Center text feed (tab-separated, one product a row), which also
 * feeds UCP native checkout on Google: `id` is our sku, the id a checkout's line items name, and
 * `native_commerce` opts a product into checkout on Google. Restricted products (age or not sold by
 * voice) are listed but not offered for checkout there: Google refuses such categories, and our guard
 * would refuse them at completion anyway.
 * https://support.google.com/merchants/answer/7052112, https://developers.google.com/merchant/ucp/guides/merchant-center
 */
const COLUMNS = ['id', 'title', 'description', 'link', 'image_link', 'availability', 'price', 'condition', 'brand', 'identifier_exists', 'native_commerce'] as const;

/** Text feeds take no tabs or line breaks inside a value: each run of whitespace becomes one space. */
const cell = (value: string) => value.replace(/\s+/g, ' ').trim();

/** A price as Merchant Center reads it: "12.99 USD". */
export function feedPrice(minor: number, currency: string): string {
  const digits = minorDigits(currency);
  return `${(minor / 10 ** digits).toFixed(digits)} ${currency}`;
}

export async function merchantCenterFeed(config: Config): Promise<string> {
  const base = config.PUBLIC_BASE_URL.replace(/\/+$/, '');
  const rows = (await listActiveProducts()).map((product) => {
    const restricted = !!(product.restrictions?.notSoldByVoice || product.restrictions?.minimumAge);
    const values: Record<(typeof COLUMNS)[number], string> = {
      id: product.sku,
      title: product.name,
      description: product.description || product.name,
      // UNCONFIRMED: the shop's product pages live outside this service; this is where we say they are.
      link: `${base}/products/${encodeURIComponent(product.sku)}`,
      image_link: product.imageUrl ?? '',
      availability: product.stock > 0 ? 'in_stock' : 'out_of_stock',
      price: feedPrice(product.priceMinor, product.currency),
      condition: 'new',
      brand: config.SELLER_NAME,
      // No GTINs in our catalogue: Merchant Center then asks for identifier_exists = no.
      identifier_exists: 'no',
      native_commerce: restricted ? 'FALSE' : 'TRUE',
    };
    return COLUMNS.map((column) => cell(values[column])).join('\t');
  });
  return [COLUMNS.join('\t'), ...rows].join('\n') + '\n';
}
