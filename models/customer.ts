import { model, type InferSchemaType, type HydratedDocument } from 'mongoose';
import { Schema } from './shared';

const addressSchema = new Schema(
  {
    label: { type: String, default: 'home' },
    recipient: { type: String, required: true },
    line1: { type: String, required: true },
    line2: { type: String },
    city: { type: String, required: true },
    region: { type: String },
    postalCode: { type: String, required: true },
    country: { type: String, required: true, match: /^[A-Z]{2}$/ },
  },
  { _id: false },
);

const customerSchema = new Schema(
  {
    displayName: { type: String, default: '' },
    email: { type: String },
    phone: { type: String },
    locale: { type: String, default: 'en-US' },
    /** How `locale` was learned: the shopper asked for it, or it was detected from what they wrote. Unset: the first channel's default. */
    localeSource: { type: String, enum: ['asked', 'detected'] },
    timeZone: { type: String, default: 'America/New_York' },
    addresses: { type: [addressSchema], default: [] },
    defaultPaymentRef: { type: String },
    /** The customer's Stripe customer (cus_...) and the one card saved on it: Stripe's reference and what may be said of the card, never more. */
    stripeCustomerId: { type: String },
    savedCard: {
      paymentMethodId: { type: String },
      brand: { type: String },
      last4: { type: String, match: /^\d{4}$/ },
      expMonth: { type: Number },
      expYear: { type: Number },
    },
    /** scrypt(HMAC(pepper, code), salt): never the code itself. */
    voiceCode: {
      hash: { type: String },
      salt: { type: String },
      setAt: { type: Date },
      invalidatedAt: { type: Date },
    },
    birthDate: { type: Date },
    /** `MM-DD` of `birthDate`, written with it (customer-store's `setBirthDate`): today's birthdays are found by equality. */
    birthdayKey: { type: String, match: /^\d{2}-\d{2}$/ },
    preferences: {
      preferredChannels: { type: [String], default: [] },
      quietHours: { start: { type: String }, end: { type: String } },
      kidMode: { type: Boolean, default: false },
    },
    /** The channels where the customer was asked after an order whether they want offers there: asked once per channel. */
    offersAskedOn: { type: [String], default: undefined },
    /** Interest tags (core/interests.ts): set by agents and the admin API, and the event dialog's city; campaign audiences match them by equality. */
    interests: { type: [String], default: undefined },
    limits: {
      perOrderMinor: { type: Number },
      perDayMinor: { type: Number },
    },
    erasedAt: { type: Date },
    /** Set when this customer was folded into another by account linking (see CustomerMerge). */
    mergedInto: { type: Schema.Types.ObjectId, ref: 'Customer' },
  },
  { timestamps: true },
);
customerSchema.index({ email: 1 });
customerSchema.index({ birthdayKey: 1 });
customerSchema.index({ interests: 1 });

export type Customer = InferSchemaType<typeof customerSchema>;
export type CustomerDocument = HydratedDocument<Customer>;
export const CustomerModel = model('Customer', customerSchema);
