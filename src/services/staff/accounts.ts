import { hash, verify } from '@node-rs/argon2';
import type { Types } from 'mongoose';
import { AppError } from '../../core/errors';
import { findStaff, findStaffByEmail, insertStaff, listStaff, type StaffRecord, type StaffRole } from '../../store/staff-store';

export type { StaffRole };

/** What the rest of the service knows of a staff member: never the password hash. */
export interface StaffMember {
  id: Types.ObjectId;
  email: string;
  name: string;
  role: StaffRole;
}

/** Longest password accepted: Argon2 takes any length, but an unbounded one is free work for an attacker. */
export const MAX_PASSWORD_LENGTH = 256;

function member(record: StaffRecord): StaffMember {
  return { id: record._id, email: record.email, name: record.name, role: record.role };
}

export function normalisedEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Creates a staff account with its password hashed by Argon2id (the library's defaults: OWASP's m=19 MiB, t=2, p=1); CONFLICT for an e-mail already used. */
export async function createStaffAccount(input: { name: string; email: string; password: string; role: StaffRole }): Promise<StaffMember> {
  const email = normalisedEmail(input.email);
  const passwordHash = await hash(input.password);
  if (!(await insertStaff({ email, name: input.name, passwordHash, role: input.role }))) throw new AppError('CONFLICT', `A staff account for ${email} already exists.`);
  return member((await findStaffByEmail(email))!);
}

/** A hash of nothing anyone knows, verified when the e-mail has no account, so both answers take as long. */
let decoyHash: Promise<string> | undefined;

/** The staff member whose e-mail and password these are, or null (the same for an unknown e-mail as for a wrong password). */
export async function verifyStaffPassword(email: string, password: string): Promise<StaffMember | null> {
  if (password.length > MAX_PASSWORD_LENGTH) return null;
  const found = await findStaffByEmail(normalisedEmail(email));
  decoyHash ??= hash('decoy password that no account has');
  const matches = await verify(found?.passwordHash ?? (await decoyHash), password).catch(() => false);
  return found && matches ? member(found) : null;
}

export async function staffMember(staffId: Types.ObjectId): Promise<StaffMember | null> {
  const found = await findStaff(staffId);
  return found ? member(found) : null;
}

export async function staffMembers(): Promise<StaffMember[]> {
  return (await listStaff()).map(member);
}
