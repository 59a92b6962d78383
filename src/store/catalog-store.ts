import { ProductModel, type Product } from '../../models';

type RequiredProductFields = 'sku' | 'name' | 'category' | 'priceMinor' | 'currency';
export type ProductInput = Pick<Product, RequiredProductFields> & Partial<Omit<Product, RequiredProductFields | 'stock' | 'stockSeq' | 'createdAt' | 'updatedAt'>>;

/** Creates or replaces a product's catalogue data; stock is never set here but through the ledger. */
export async function upsertProduct(input: ProductInput): Promise<void> {
  await ProductModel.updateOne({ sku: input.sku }, { $set: input, $setOnInsert: { stock: 0 } }, { upsert: true, runValidators: true });
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
