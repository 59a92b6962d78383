import { ProductModel, type Product } from '../../models';
import { productNameIn } from '../core/matching';

type RequiredProductFields = 'sku' | 'name' | 'category' | 'priceMinor' | 'currency';
/** A product as the shop reads it; `stock` is the inventory ledger's balance at entry `stockSeq` (the ledger's head: store/inventory-store.ts). */
export type ProductRecord = Pick<Product, 'sku' | 'name' | 'category' | 'description' | 'synonyms' | 'priceMinor' | 'currency' | 'stock' | 'stockSeq' | 'restrictions' | 'rating' | 'reviewCount' | 'reviewSummary' | 'imageUrl' | 'giftAges' | 'tags' | 'active' | 'translations'>;

export type ProductInput = Pick<Product, RequiredProductFields> &
  Partial<Omit<Product, RequiredProductFields | 'stock' | 'stockSeq' | 'createdAt' | 'updatedAt' | 'translations'>> & { translations?: { locale: string; name: string; synonyms: string[] }[] };

/** Creates or replaces a product's catalogue data; stock is never set here but through the ledger. */
export async function upsertProduct(input: ProductInput): Promise<void> {
  // Callers may hand back a product they read; its bookkeeping fields are not theirs to set.
  const { stock: _stock, stockSeq: _stockSeq, _id, __v, createdAt: _createdAt, updatedAt: _updatedAt, ...fields } = input as ProductInput & Record<string, unknown>;
  await ProductModel.updateOne({ sku: input.sku }, { $set: fields, $setOnInsert: { stock: 0 } }, { upsert: true, runValidators: true });
}

/** Internal bookkeeping fields are not part of a product as callers see it. */
const PUBLIC_PRODUCT_FIELDS = '-_id -__v -stockSeq';

export function findProductBySku(sku: string) {
  return ProductModel.findOne({ sku }).select(PUBLIC_PRODUCT_FIELDS).lean();
}

export function listActiveProducts() {
  return ProductModel.find({ active: true }).sort({ sku: 1 }).lean();
}

export function countProducts(): Promise<number> {
  return ProductModel.estimatedDocumentCount();
}

/** The product as a shopper of `locale` sees it: its name in their language where the catalogue has one (matching keys the rest). */
export function productNamedIn<P extends ProductRecord>(product: P, locale: string): P {
  const name = productNameIn(product, locale);
  return name === product.name ? product : { ...product, name };
}
