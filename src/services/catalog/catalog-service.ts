import { ProductModel } from '../../../models';
import { languageOf, productMatcher, type ProductMatcher } from '../../core/matching';
import type { ProductRecord } from '../../store/catalog-store';

/** Units on the shelf now, from the ledger (the product's `stock` is the ledger's head, which may lag). */
export { stockBalance as unitsInStock } from '../../store/inventory-store';

export type CatalogProduct = ProductRecord;

/** How long a built index is trusted before the catalogue's version is checked again. */
const VERSION_CHECK_INTERVAL_MS = 1_000;

interface CachedCatalog {
  version: string;
  /** One matcher per language asked for: each keys the products' names in that language. */
  matchers: Map<string, ProductMatcher>;
  products: Parameters<typeof productMatcher>[0];
  checkedAt: number;
}

let cached: CachedCatalog | undefined;

/**
 * The matching index, built once per catalogue version (newest product change and product count)
 * and reused by every query until the catalogue changes: no query scans the collection.
 */
export async function catalogIndex(now = Date.now(), locale = 'en-US'): Promise<ProductMatcher> {
  const catalog = await currentCatalog(now);
  const language = languageOf(locale);
  let matcher = catalog.matchers.get(language);
  if (!matcher) {
    matcher = productMatcher(catalog.products, locale);
    catalog.matchers.set(language, matcher);
  }
  return matcher;
}

async function currentCatalog(now: number): Promise<CachedCatalog> {
  if (cached && now - cached.checkedAt < VERSION_CHECK_INTERVAL_MS) return cached;
  const version = await catalogVersion();
  if (cached && cached.version === version) {
    cached.checkedAt = now;
    return cached;
  }
  const products = await ProductModel.find({ active: true }).select({ sku: 1, name: 1, synonyms: 1, category: 1, translations: 1 }).lean();
  // Equal matches keep catalog order, so the index needs a stable order; PostgreSQL returns rows in
  // the order they were last written (a stock update moves one), and sorting here keeps the query pushed down.
  products.sort((a, b) => (a.sku < b.sku ? -1 : a.sku > b.sku ? 1 : 0));
  cached = { version, matchers: new Map(), products, checkedAt: now };
  return cached;
}

async function catalogVersion(): Promise<string> {
  const [newest, count] = await Promise.all([ProductModel.findOne().sort({ updatedAt: -1 }).select({ updatedAt: 1 }).lean(), ProductModel.estimatedDocumentCount()]);
  return `${newest?.updatedAt?.getTime() ?? 0}:${count}`;
}

/** Forgets the cached index (after an import, and between tests). */
export function invalidateCatalogIndex(): void {
  cached = undefined;
}

export async function productsBySku(skus: readonly string[]): Promise<Map<string, CatalogProduct>> {
  const products = await ProductModel.find({ sku: { $in: [...new Set(skus)] } }).lean();
  return new Map(products.map((product) => [product.sku, product]));
}

export async function productBySku(sku: string): Promise<CatalogProduct | null> {
  return ProductModel.findOne({ sku }).lean();
}

export interface GiftQuery {
  age?: number;
  budgetMinor?: number;
  category?: string;
}

/** Up to three in-stock gift ideas that suit the age, fit the budget and (if given) the category, best rated first. */
export async function giftIdeas(query: GiftQuery, limit = 3): Promise<CatalogProduct[]> {
  const filter: Record<string, unknown> = { active: true, tags: 'gift', stock: { $gt: 0 } };
  if (query.budgetMinor !== undefined) filter.priceMinor = { $lte: query.budgetMinor };
  if (query.age !== undefined) Object.assign(filter, { 'giftAges.min': { $lte: query.age }, 'giftAges.max': { $gte: query.age } });
  if (query.category) filter.category = query.category;
  return ProductModel.find(filter).sort({ rating: -1, reviewCount: -1 }).limit(limit).lean();
}

export async function giftCategories(): Promise<string[]> {
  const categories = await ProductModel.distinct('category', { active: true, tags: 'gift' });
  return (categories as string[]).sort();
}
