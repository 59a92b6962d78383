import { model, type InferSchemaType } from 'mongoose';
import { STAFF_ROLES } from '../src/core/staff-roles';
import { Schema, expiresAtField, expiryBucket } from './shared';

/** A member of the shop's staff who signs in (agent inbox, dashboard); created through the admin API. */
const staffSchema = new Schema(
  {
    /** Lower-cased: the sign-in name. */
    email: { type: String, required: true },
    name: { type: String, required: true },
    /** Argon2id (PHC string): salt and parameters included. */
    passwordHash: { type: String, required: true },
    role: { type: String, required: true, enum: STAFF_ROLES },
  },
  { timestamps: true },
);
staffSchema.index({ email: 1 }, { unique: true });

export type Staff = InferSchemaType<typeof staffSchema>;
export const StaffModel = model('Staff', staffSchema);

/** A signed-in staff member's session (express-session's data), found by its id; the sweeper deletes it once expired. */
const staffSessionSchema = new Schema({
  _id: { type: String, required: true },
  data: { type: Schema.Types.Mixed, required: true },
  expiresAt: expiresAtField,
});
staffSessionSchema.plugin(expiryBucket);

export const StaffSessionModel = model('StaffSession', staffSessionSchema);
