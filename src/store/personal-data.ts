import { Types, type Model } from 'mongoose';
import { ALL_MODELS, ChannelIdentityModel, CustomerModel, OrderModel, OutboxModel, WebchatTokenModel } from '../../models';

/**
 * Where one customer's data lives, for export and erase. Generic over ALL_MODELS: any collection
 * with a `customerId` path is covered without being listed. Collections without one are either
 * reached through a related record (below) or declared free of personal data, with the reason; a
 * model that is neither makes export and erase refuse to run (and a test fail), so a new collection
 * cannot be forgotten.
 */
export const NO_PERSONAL_DATA: Readonly<Record<string, string>> = {
  Product: 'the catalogue',
  InventoryLedger: 'stock movements, keyed by a one-way hash of the order placement',
  LinkCodeAttempt: 'numbered guesses at a link code: a code id and a time, swept with the code',
  OAuthConsumption: 'hashes of used OAuth codes and tokens, no account',
  RateSlot: 'hourly counters keyed by a one-way hash of what they count (a source address, a destination), swept after the hour',
  BucketCursor: 'how far a time-bucketed scan has got: a scan name and a bucket number',
  DiscountCode: "the shop's discount codes and their terms",
  Campaign: "the shop's campaigns: wording, channels, audience filters and schedule",
  EventSeries: "the shop's event series: a keyword, its cities and each one's event",
  InsightDaily: 'daily counts per metric (search terms that matched nothing), naming no customer',
  MessageCost: 'per-message cost estimates: a channel, a pricing category and an amount, keyed by a one-way hash of the send',
  MessageTemplate: "the shop's message templates and their platform categories",
  Staff: "the shop's staff accounts, not customers' (their notes and replies are in the customer's transcript)",
  StaffSession: 'signed-in staff members: a staff id and a CSRF token, swept at expiry',
  HandoffClaim: 'which staff member claimed, or first replied in, which round of a handoff conversation: ids and a time',
  HandoffSignal: 'how many inbox events of each kind (queue, message) happened: two counters, no conversation named',
};

interface CustomerFacts {
  customerId: Types.ObjectId;
  /** `${channel}:${externalId}` of each identity: sessions and queued replies are keyed by it. */
  identityKeys: string[];
  externalIds: string[];
  orderIds: Types.ObjectId[];
  outboxJobKeys: string[];
  /** Web chat session tokens (hashed) of the customer's web chat identities. */
  webchatTokenHashes: string[];
}

type Filter = Record<string, unknown>;

/** Collections whose link to the customer is not (only) a `customerId` field. */
const RELATED: Readonly<Record<string, (facts: CustomerFacts) => Filter>> = {
  Customer: (facts) => ({ _id: facts.customerId }),
  OrderStatusEvent: (facts) => ({ orderId: { $in: facts.orderIds } }),
  // A session may predate knowing its customer; its key names the channel user.
  Session: (facts) => ({ $or: [{ customerId: facts.customerId }, { key: { $in: facts.identityKeys } }] }),
  // Replies queued by the messaging channels carry the recipient's id in the payload, not a customerId.
  Outbox: (facts) => ({ jobKey: { $in: facts.outboxJobKeys } }),
  OutboxAttempt: (facts) => ({ jobKey: { $in: facts.outboxJobKeys } }),
  CustomerMerge: (facts) => ({ $or: [{ sourceCustomerId: facts.customerId }, { targetCustomerId: facts.customerId }] }),
  LinkCodeRedemption: (facts) => ({ $or: [{ redeemedBy: facts.customerId }, { survivorId: facts.customerId }, { sourceId: facts.customerId }] }),
  // Some platforms' event ids carry the sender (WeChat events are "<openid>:<time>:<event>", web chat messages
  // "<web chat user id>:<messageId>", with the answer kept): an event key that names one of the customer's channel ids is theirs.
  ProcessedEvent: (facts) => (facts.externalIds.length === 0 ? { _id: { $in: [] } } : { $or: facts.externalIds.map((id) => ({ key: { $regex: escapeRegExp(id) } })) }),
  // Account-linking grants and tokens name the customer as the OAuth account id.
  OAuthRecord: (facts) => ({ accountId: facts.customerId.toHexString() }),
  WebchatToken: (facts) => ({ tokenHash: { $in: facts.webchatTokenHashes } }),
  // Inbound messages and their lane leases are keyed by the lane, `${channel}:${channelUserId}`: an identity key.
  InboundEvent: (facts) => ({ lane: { $in: facts.identityKeys } }),
  InboundLease: (facts) => ({ lane: { $in: facts.identityKeys } }),
};

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

export type PrivacyClass = 'customer key' | 'related' | 'no personal data' | 'unclassified';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function privacyClassOf(model: Model<any>): PrivacyClass {
  if (RELATED[model.modelName]) return 'related';
  if (model.schema.path('customerId')) return 'customer key';
  if (NO_PERSONAL_DATA[model.modelName]) return 'no personal data';
  return 'unclassified';
}

export function unclassifiedModels(): string[] {
  return ALL_MODELS.filter((model) => privacyClassOf(model) === 'unclassified').map((model) => model.modelName);
}

function assertEveryModelClassified(): void {
  const missing = unclassifiedModels();
  if (missing.length > 0) throw new Error(`No privacy rule for ${missing.join(', ')}: give it a customerId, a RELATED rule or a NO_PERSONAL_DATA reason in store/personal-data.ts`);
}

/** Outbox jobs for the customer: by customerId, or (queued replies) by a payload naming one of their channel ids. */
async function outboxJobKeysFor(customerId: Types.ObjectId, externalIds: string[]): Promise<string[]> {
  const keys = (await OutboxModel.find({ customerId }).select('jobKey').lean()).map((job) => job.jobKey);
  if (externalIds.length === 0) return keys;
  // No query reaches inside channel-specific payloads, so look at each unowned job; erase is rare.
  for await (const job of OutboxModel.find({ customerId: { $exists: false } }).select('jobKey payload').lean().cursor()) {
    const text = JSON.stringify(job.payload);
    if (externalIds.some((id) => text.includes(JSON.stringify(id)))) keys.push(job.jobKey);
  }
  return keys;
}

async function factsAbout(customerId: Types.ObjectId): Promise<CustomerFacts> {
  assertEveryModelClassified();
  const identities = await ChannelIdentityModel.find({ customerId }).lean();
  const externalIds = identities.map((identity) => identity.externalId);
  const orderIds = (await OrderModel.find({ customerId }).select('_id').lean()).map((order) => order._id);
  const webchatIds = identities.filter((identity) => identity.channel === 'webchat').map((identity) => identity.externalId);
  return {
    customerId,
    externalIds,
    identityKeys: identities.map((identity) => `${identity.channel}:${identity.externalId}`),
    orderIds,
    outboxJobKeys: await outboxJobKeysFor(customerId, externalIds),
    webchatTokenHashes: (await WebchatTokenModel.find({ channelUserId: { $in: webchatIds } }).select('tokenHash').lean()).map((token) => token.tokenHash),
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function filterFor(model: Model<any>, facts: CustomerFacts): Filter | null {
  const related = RELATED[model.modelName];
  if (related) return related(facts);
  if (model.schema.path('customerId')) return { customerId: facts.customerId };
  return null;
}

export interface CustomerExport {
  customerId: string;
  exportedAt: string;
  /** Model name to every stored document about the customer, as stored. */
  collections: Record<string, unknown[]>;
}

/**
 * The customer and every customer folded into them by linking, however many merges deep (a merged
 * customer is scrubbed, but its consent history, sessions and events still belong to the person).
 * Sources come before the customer they were merged into. Admin-only and rare, so not a hot path.
 */
async function customerAndMergedSources(customerId: Types.ObjectId): Promise<Types.ObjectId[]> {
  const seen = new Map<string, Types.ObjectId>([[customerId.toHexString(), customerId]]);
  let frontier = [customerId];
  while (frontier.length > 0) {
    const sources = await CustomerModel.find({ mergedInto: { $in: frontier } }).select('_id').lean();
    frontier = sources.map((source) => source._id).filter((id) => !seen.has(id.toHexString()));
    for (const id of frontier) seen.set(id.toHexString(), id);
  }
  return [...seen.values()].reverse();
}

/** Everything stored about one customer and the customers merged into them, collection by collection (empty collections included). */
export async function exportCustomerData(customerId: Types.ObjectId, now = new Date()): Promise<CustomerExport | null> {
  const collections: Record<string, unknown[]> = {};
  const exported = new Set<string>();
  for (const subject of await customerAndMergedSources(customerId)) {
    const facts = await factsAbout(subject);
    for (const model of ALL_MODELS) {
      const filter = filterFor(model, facts);
      if (!filter) continue;
      const docs = (await model.find(filter).lean()) as { _id: unknown }[];
      collections[model.modelName] ??= [];
      for (const doc of docs) {
        const key = `${model.modelName}:${String(doc._id)}`;
        if (exported.has(key)) continue;
        exported.add(key);
        collections[model.modelName]!.push(doc);
      }
    }
  }
  const nothing = Object.values(collections).every((docs) => docs.length === 0);
  return nothing ? null : { customerId: customerId.toHexString(), exportedAt: now.toISOString(), collections };
}

/** Order fields that name or locate the person; totals, lines and currency stay for accounting. */
const PERSONAL_ORDER_FIELDS = { deliveryAddress: 1, tracking: 1, failureReason: 1 } as const;

export interface ErasureResult {
  customerId: string;
  ordersAnonymised: number;
  /** Model name to documents removed ("ReceiptFile", "CampaignMailFile": mail files deleted). */
  removed: Record<string, number>;
}

export interface ErasureOptions {
  /** Deletes what lives outside the database about these orders (receipt files); returns how many went. */
  forgetOrders?: (orderNumbers: string[]) => Promise<number>;
  /** Deletes what lives outside the database about this customer (campaign e-mail files); returns how many went. */
  forgetCustomer?: (customerId: string) => Promise<number>;
}

/**
 * Erases a customer and every customer merged into them: orders keep their lines and totals under a
 * fresh pseudonymous id that links to nothing, receipt files go, and every other record about them
 * is deleted. Idempotent and safe to re-run after a crash: merged sources go before the customer they
 * were merged into, and within each the customer and identities go last, so a partial run can still
 * find everything else.
 */
export async function eraseCustomerData(customerId: Types.ObjectId, options: ErasureOptions = {}): Promise<ErasureResult> {
  const total: ErasureResult = { customerId: customerId.toHexString(), ordersAnonymised: 0, removed: {} };
  for (const subject of await customerAndMergedSources(customerId)) {
    const one = await eraseOneCustomer(subject, options);
    total.ordersAnonymised += one.ordersAnonymised;
    for (const [name, count] of Object.entries(one.removed)) total.removed[name] = (total.removed[name] ?? 0) + count;
  }
  return total;
}

async function eraseOneCustomer(customerId: Types.ObjectId, options: ErasureOptions): Promise<ErasureResult> {
  const facts = await factsAbout(customerId);
  const removed: Record<string, number> = {};
  if (options.forgetOrders) {
    const orderNumbers = (await OrderModel.find({ customerId }).select('orderNumber').lean()).map((order) => order.orderNumber);
    removed.ReceiptFile = orderNumbers.length > 0 ? await options.forgetOrders(orderNumbers) : 0;
  }
  if (options.forgetCustomer) removed.CampaignMailFile = await options.forgetCustomer(customerId.toHexString());
  const last = new Set(['Customer', 'ChannelIdentity']);
  const keep = new Set(['Order', 'OrderStatusEvent']);

  const orders = await OrderModel.updateMany(
    { customerId },
    { $set: { customerId: new Types.ObjectId(), anonymised: true }, $unset: PERSONAL_ORDER_FIELDS },
  );
  // Attempts before their jobs: a re-run finds jobs by key only while the jobs are still there.
  const ordered = [...ALL_MODELS].sort((a, b) => Number(b.modelName === 'OutboxAttempt') - Number(a.modelName === 'OutboxAttempt'));
  for (const model of ordered) {
    if (keep.has(model.modelName) || last.has(model.modelName)) continue;
    const filter = filterFor(model, facts);
    if (filter) removed[model.modelName] = (await model.deleteMany(filter)).deletedCount;
  }
  removed.ChannelIdentity = (await ChannelIdentityModel.deleteMany({ customerId })).deletedCount;
  removed.Customer = (await CustomerModel.deleteMany({ _id: customerId })).deletedCount;
  return { customerId: customerId.toHexString(), ordersAnonymised: orders.modifiedCount, removed };
}
