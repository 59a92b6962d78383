import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

export const LEDGER_REASONS = ['initial', 'restock', 'reserve', 'release', 'adjust'] as const;

/**
 * The source of truth for stock. Entry n+1 of a sku is written from entry n's balance, and the
 * unique (sku, seq) index lets exactly one writer claim each n+1: so the balance can never go below
 * zero, even on FerretDB where conditional updates are a read and a separate write.
 */
const inventoryLedgerSchema = new Schema({
  sku: { type: String, required: true },
  seq: { type: Number, required: true, min: 0 },
  delta: { type: Number, required: true },
  balance: { type: Number, required: true, min: 0 },
  reason: { type: String, required: true, enum: LEDGER_REASONS },
  /** The order (idempotency key) a reserve or release belongs to. */
  orderRef: { type: String },
  at: { type: Date, required: true, default: () => new Date() },
});
inventoryLedgerSchema.index({ sku: 1, seq: 1 }, { unique: true });
inventoryLedgerSchema.index({ orderRef: 1 });

export type InventoryLedgerEntry = InferSchemaType<typeof inventoryLedgerSchema>;
export const InventoryLedgerModel = model('InventoryLedger', inventoryLedgerSchema);
