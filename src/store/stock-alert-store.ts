import type { Types } from 'mongoose';
import { StockAlertModel } from '../../models';
import { insertOnce } from './insert-once';

export interface StockAlertRequest {
  customerId: Types.ObjectId;
  sku: string;
  source: 'customer' | 'merchant';
  channel?: string;
}

/**
 * Arms the customer's alert for a sku: the unique (customer, sku) insert makes a repeated request
 * find the one alert; an alert whose round was already notified is armed again for a new round.
 */
export async function armStockAlert(request: StockAlertRequest, now: Date) {
  if (!(await insertOnce(StockAlertModel, { ...request, round: 1, armed: true, requestedAt: now }))) {
    const existing = await StockAlertModel.findOne({ customerId: request.customerId, sku: request.sku }).lean();
    if (existing && !existing.armed) {
      await StockAlertModel.updateOne({ _id: existing._id }, { $set: { armed: true, requestedAt: now, source: request.source, channel: request.channel }, $inc: { round: 1 } });
    }
  }
  return (await StockAlertModel.findOne({ customerId: request.customerId, sku: request.sku }).lean())!;
}

export function armedAlertsForSku(sku: string) {
  return StockAlertModel.find({ sku, armed: true }).lean();
}

export async function disarmStockAlert(alertId: Types.ObjectId, round: number, now: Date): Promise<void> {
  await StockAlertModel.updateOne({ _id: alertId, round }, { $set: { armed: false, queuedAt: now } });
}
