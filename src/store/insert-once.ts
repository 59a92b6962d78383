import type { Model } from 'mongoose';
import { isDuplicateKeyError } from '../db/connection';

/**
 * The insert that decides a race or a repeat: a document whose unique key (an event id, an order key,
 * a derived `_id`) says it exists at most once. True when this call inserted it; false when one with
 * that key was already there (error 11000), which callers treat as "already done". It is atomic on
 * FerretDB as on MongoDB, unlike a conditional update. `doc` may be a document of `model` built by
 * the caller, who then has the stored record without reading it back.
 */
export async function insertOnce<Doc>(model: Model<Doc>, doc: object): Promise<boolean> {
  try {
    await (doc instanceof model ? doc : new model(doc)).save();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
}
