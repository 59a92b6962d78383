import { ProcessedEventModel, type Channel } from '../../models';
import { isDuplicateKeyError } from '../db/connection';

/** Platforms retry deliveries for up to about a day; remember ids a little longer. */
const EVENT_MEMORY_MS = 48 * 60 * 60_000;

/** True for the first delivery of an event, false for every redelivery: the unique insert decides. */
export async function claimEvent(channel: Channel, eventId: string, now = new Date()): Promise<boolean> {
  try {
    await ProcessedEventModel.create({ key: `${channel}:${eventId}`, channel, eventId, receivedAt: now, expiresAt: new Date(now.getTime() + EVENT_MEMORY_MS) });
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
