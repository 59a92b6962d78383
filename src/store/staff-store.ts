import type { Types } from 'mongoose';
import { StaffModel, StaffSessionModel } from '../../models';
import type { StaffRole } from '../core/staff-roles';
import { insertOnce } from './insert-once';

export type { StaffRole };

export interface StaffRecord {
  _id: Types.ObjectId;
  email: string;
  name: string;
  passwordHash: string;
  role: StaffRole;
}

/** False when the e-mail address already has an account (its unique index decides). */
export function insertStaff(staff: Omit<StaffRecord, '_id'>): Promise<boolean> {
  return insertOnce(StaffModel, staff);
}

export async function findStaffByEmail(email: string): Promise<StaffRecord | null> {
  return (await StaffModel.findOne({ email }).lean()) as StaffRecord | null;
}

export async function findStaff(staffId: Types.ObjectId): Promise<StaffRecord | null> {
  return (await StaffModel.findById(staffId).lean()) as StaffRecord | null;
}

export async function listStaff(): Promise<StaffRecord[]> {
  return (await StaffModel.find().select('-passwordHash').limit(1000).lean()) as StaffRecord[];
}

/** Staff sign-in sessions by id, for the session middleware's store (http/staff/session-store.ts). */
export const staffSessions = {
  async get(id: string): Promise<Record<string, unknown> | null> {
    const found = await StaffSessionModel.findById(id).lean();
    return found && found.expiresAt.getTime() > Date.now() ? (found.data as Record<string, unknown>) : null;
  },
  async set(id: string, data: Record<string, unknown>, expiresAt: Date): Promise<void> {
    await StaffSessionModel.updateOne({ _id: id }, { $set: { data, expiresAt } }, { upsert: true });
  },
  async touch(id: string, expiresAt: Date): Promise<void> {
    await StaffSessionModel.updateOne({ _id: id }, { $set: { expiresAt } });
  },
  async destroy(id: string): Promise<void> {
    await StaffSessionModel.deleteOne({ _id: id });
  },
};
