import { model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { Schema, currencyCode, minorUnits } from './shared';

const productSchema = new Schema(
  {
    sku: { type: String, required: true, trim: true },
    name: { type: String, required: true, trim: true },
    category: { type: String, required: true, trim: true },
    description: { type: String, default: '' },
    /** Other names people say or type for this product ("joe" for coffee). */
    synonyms: { type: [String], default: [] },
    /** The name and synonyms shoppers of other languages see and say, one entry per locale ("pt-BR"). */
    translations: {
      type: [new Schema({ locale: { type: String, required: true }, name: { type: String, required: true, trim: true }, synonyms: { type: [String], default: [] } }, { _id: false })],
      default: [],
    },
    priceMinor: minorUnits,
    currency: currencyCode,
    /**
     * The inventory ledger's head: the balance of entry `stockSeq`. A reservation decides on it and inserts entry
     * `stockSeq + 1` (the unique insert decides the race), then moves it forward; it may lag, never lead
     * (store/inventory-store.ts).
     */
    stock: { type: Number, required: true, default: 0 },
    /** The ledger entry `stock` is the balance of; missing on a product written before the product was the head. */
    stockSeq: { type: Number },
    restrictions: {
      minimumAge: { type: Number },
      notSoldByVoice: { type: Boolean },
      reason: { type: String },
    },
    rating: { type: Number, min: 0, max: 5 },
    reviewCount: { type: Number, min: 0, default: 0 },
    reviewSummary: { type: String },
    imageUrl: { type: String },
    /** Used by the gift finder: the ages a product suits. */
    giftAges: { min: { type: Number }, max: { type: Number } },
    tags: { type: [String], default: [] },
    active: { type: Boolean, default: true },
  },
  { timestamps: true },
);
productSchema.index({ sku: 1 }, { unique: true });
productSchema.index({ category: 1 });

export type Product = InferSchemaType<typeof productSchema>;
export type ProductDocument = HydratedDocument<Product>;
export const ProductModel = model('Product', productSchema);
