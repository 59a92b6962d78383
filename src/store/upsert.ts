import { isDuplicateKeyError } from '../db/connection';

/** An upsert on a unique key: two first writes race to insert, the loser clashes, and the row it lost to is then updated. */
export async function upsertRacing<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    if (!isDuplicateKeyError(error)) throw error;
    return write();
  }
}
