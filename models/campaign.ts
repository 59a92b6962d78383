import { model, type InferSchemaType } from 'mongoose';
import { Schema, channelField } from './shared';

export const CAMPAIGN_STATUSES = ['draft', 'running', 'paused', 'cancelled'] as const;

/** A marketing campaign (admin API): who, what on which channel, when in each customer's local time. */
const campaignSchema = new Schema(
  {
    /** Random, unguessable, also the outbox job keys' and short links' reference. */
    campaignId: { type: String, required: true },
    name: { type: String, required: true, maxlength: 120 },
    /** In order of preference: each customer gets it once, on the first of these they opted in to. */
    channels: { type: [String], required: true },
    text: { type: String, required: true, maxlength: 600 },
    /** The e-mail's subject (campaigns with the `email` channel). */
    emailSubject: { type: String, maxlength: 150 },
    /** The approved WhatsApp template (category MARKETING) sent with `text` as its one parameter. */
    whatsappTemplate: { type: String },
    /** Where the campaign's short link sends a click (UTM parameters are added). */
    linkTarget: { type: String },
    audience: {
      locale: { type: String },
      boughtSku: { type: String },
      boughtCategory: { type: String },
      /** UTC days (YYYY-MM-DD): the last order before, or after, that day. */
      lastOrderBefore: { type: String },
      lastOrderAfter: { type: String },
      /** Any of these interest tags. */
      interests: { type: [String], default: undefined },
      cartAbandoners: { type: Boolean },
    },
    sendDate: { type: String, required: true },
    sendTime: { type: String, required: true },
    status: { type: String, required: true, enum: CAMPAIGN_STATUSES },
    /** When Start finished queueing every audience member's job; a running campaign without it may be started again to finish. */
    queuedAt: { type: Date },
  },
  { timestamps: true },
);
campaignSchema.index({ campaignId: 1 }, { unique: true });

export type Campaign = InferSchemaType<typeof campaignSchema>;
export const CampaignModel = model('Campaign', campaignSchema);

/** One customer's send of one campaign: at most one (unique), written when it left, with the channel and template category. */
const campaignSendSchema = new Schema({
  campaignId: { type: String, required: true },
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  channel: channelField,
  /** WhatsApp's pricing category of what was sent ('marketing'), or absent for other channels. */
  category: { type: String },
  at: { type: Date, required: true },
});
campaignSendSchema.index({ campaignId: 1, customerId: 1 }, { unique: true });

export const CampaignSendModel = model('CampaignSend', campaignSendSchema);

/**
 * A short link `/l/:code`: the code is random (unguessable, not in sequence) and names a campaign and a
 * recipient only here, so the link itself carries no personal data. Its `/stop` and `/unsubscribe`
 * addresses opt that recipient out.
 */
const shortLinkSchema = new Schema({
  code: { type: String, required: true },
  campaignId: { type: String, required: true },
  customerId: { type: Schema.Types.ObjectId, ref: 'Customer' },
  /** Where a click goes; absent on a link that only carries an e-mail's unsubscribe address (campaign without a target). */
  target: { type: String },
  /** The channel the link was sent on: its `utm_medium`. */
  medium: { type: String, required: true },
  createdAt: { type: Date, required: true, default: () => new Date() },
});
shortLinkSchema.index({ code: 1 }, { unique: true });
shortLinkSchema.index({ campaignId: 1, customerId: 1 });

export const ShortLinkModel = model('ShortLink', shortLinkSchema);

/**
 * A click on a short link, once per link per clock hour: `_id` is `code|hour` (`linkClickId`), so a
 * repeat or a scripted flood within the hour is one unique insert that loses, not a second click.
 * The newest click within the attribution window credits an order. (Clicks stored before this kept an ObjectId `_id`.)
 */
const linkClickSchema = new Schema({
  _id: { type: String, required: true },
  code: { type: String, required: true },
  campaignId: { type: String, required: true },
  customerId: { type: Schema.Types.ObjectId, ref: 'Customer' },
  at: { type: Date, required: true },
});
linkClickSchema.index({ campaignId: 1 });
// A customer's newest click in a window (`latestClickOf`): equality on the customer, then the newest first.
linkClickSchema.index({ customerId: 1, at: -1 });

export const LinkClickModel = model('LinkClick', linkClickSchema);

/**
 * An order's attribution, one per order (unique): to the campaign of the customer's latest click within
 * the window before it, or to none (no `campaignId`). Its insert also decides that the order's figures
 * are counted once (`services/insights`).
 */
const campaignAttributionSchema = new Schema({
  orderNumber: { type: String, required: true },
  campaignId: { type: String },
  customerId: { type: Schema.Types.ObjectId, required: true, ref: 'Customer' },
  totalMinor: { type: Number, required: true },
  currency: { type: String, required: true },
  at: { type: Date, required: true },
});
campaignAttributionSchema.index({ orderNumber: 1 }, { unique: true });
campaignAttributionSchema.index({ campaignId: 1 });

export const CampaignAttributionModel = model('CampaignAttribution', campaignAttributionSchema);
