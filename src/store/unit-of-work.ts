import type { Types } from 'mongoose';
import { ProductModel } from '../../models';
import type { Channel } from '../core/channels';
import { findCart, writeCartLines, type CartLine, type CartRecord } from './cart-store';
import { productNamedIn, type ProductRecord } from './catalog-store';
import { customerIdForIdentity, findCustomer, storeCustomerLanguage, type CustomerRecord } from './customer-store';
import { findSession, sessionKey, writeSession, type SessionRecord } from './session-store';
import { appendTranscript, type TranscriptEntry } from './transcript-store';

/**
 * What one turn reads and changes of its customer: loaded once when the turn starts, handed to the
 * flows and services, and written back once when it ends (only what changed). The unique inserts that
 * decide races (stock ledger, order key, claims, spend ledger, link-code uses) are not deferred here:
 * their services write them at once. The interface names no database, so flows can run on an
 * in-memory implementation.
 */
export interface TurnUnitOfWork {
  readonly customerId: Types.ObjectId;
  /** Read on first use: most turns need only the customer's time zone, which the session keeps. */
  customer(): Promise<CustomerRecord>;
  readonly timeZone: string;
  readonly session: SessionRecord;
  /** The customer's one cart (shared by every channel), as this turn has changed it so far. */
  readonly cart: CartRecord;
  replaceCartLines(lines: CartLine[]): void;
  /** Applies a discount code to the cart (null: removes it); a change of the cart like any other. */
  setDiscountCode(code: string | null): void;
  /** The shopper asked, on this channel, to be reminded of the cart later; a change of the cart like any other. */
  requestReminder(channel: string): void;
  /** Products by sku, each read at most once per turn; the cart's products come along with the first read. */
  products(skus: readonly string[]): Promise<Map<string, ProductRecord>>;
  /** From now on `products` names each product in this locale's language, where the catalogue has a translation. */
  nameProductsIn(locale: string): void;
  /** The customer's language, learned this turn: written to the customer at `save` (notifications follow it). */
  keepLanguage(locale: string, how: 'asked' | 'detected'): void;
  /** Writes the session, the cart if it changed, the customer's language if it was learned, and the turn's messages to the transcript, side by side. */
  save(now: Date, transcript?: TranscriptWrite): Promise<void>;
}

/** A turn's messages (what the customer said, what was answered) and how long the transcript keeps them. */
export interface TranscriptWrite {
  entries: TranscriptEntry[];
  retentionDays: number;
}

export interface TurnOwner {
  channel: Channel;
  channelUserId: string;
  locale: string;
  /** The shop's currency, for a cart that does not exist yet. */
  currency: string;
}

export type OpenUnitOfWork = (owner: TurnOwner) => Promise<TurnUnitOfWork>;

/**
 * The session is read first: it names the customer and keeps their time zone, so a returning channel
 * user costs no identity lookup and no customer read until a flow needs the customer. A merge moves
 * sessions to the customer kept (and drops their time zone), so a session without a time zone, or
 * pointing at a customer that is gone or merged, is resolved again through the channel identity.
 */
export const openUnitOfWork: OpenUnitOfWork = async ({ channel, channelUserId, locale, currency }) => {
  const stored = await findSession(channel, channelUserId);
  if (stored?.customerId && stored.timeZone) {
    const { customerId } = stored;
    const cart = await findCart(customerId);
    return new MongoUnitOfWork(customerId, stored, cart ?? { customerId, currency, lines: [], revision: 0 }, null);
  }
  let [customer, cart] = stored?.customerId ? await Promise.all([findLiveCustomer(stored.customerId), findCart(stored.customerId)]) : [null, null];
  if (!customer) {
    const customerId = await customerIdForIdentity(channel, channelUserId, locale);
    [customer, cart] = await Promise.all([findLiveCustomer(customerId), findCart(customerId)]);
    if (!customer) throw new Error(`customer ${customerId} vanished after identification`);
  }
  const session: SessionRecord = stored ?? { key: sessionKey(channel, channelUserId), channel, channelUserId, locale, dialog: {}, lastInboundAt: null, handoff: false };
  session.customerId = customer._id;
  session.timeZone = customer.timeZone;
  return new MongoUnitOfWork(customer._id, session, cart ?? { customerId: customer._id, currency, lines: [], revision: 0 }, customer);
};

/**
 * The unit of work of a customer known by proof rather than by a channel identity (an assistant's OAuth
 * token names the customer): their session on `channel` is keyed by the customer id, so each assistant
 * surface keeps its own pending read-back. Null when the customer was merged away or erased since.
 */
export async function openCustomerUnitOfWork(customerId: Types.ObjectId, owner: Omit<TurnOwner, 'channelUserId'>): Promise<TurnUnitOfWork | null> {
  const channelUserId = customerId.toHexString();
  const [customer, stored, cart] = await Promise.all([findLiveCustomer(customerId), findSession(owner.channel, channelUserId), findCart(customerId)]);
  if (!customer || customer.erasedAt) return null;
  const session: SessionRecord = stored ?? { key: sessionKey(owner.channel, channelUserId), channel: owner.channel, channelUserId, locale: owner.locale, dialog: {}, lastInboundAt: null, handoff: false };
  session.customerId = customer._id;
  session.timeZone = customer.timeZone;
  return new MongoUnitOfWork(customer._id, session, cart ?? { customerId, currency: owner.currency, lines: [], revision: 0 }, customer);
}

async function findLiveCustomer(customerId: Types.ObjectId): Promise<CustomerRecord | null> {
  const customer = await findCustomer(customerId);
  return customer && !customer.mergedInto ? customer : null;
}

/** The cart part of a unit of work, also used alone where a cart changes outside a turn. */
export interface CartWork {
  readonly cart: CartRecord;
  replaceCartLines(lines: CartLine[]): void;
  setDiscountCode(code: string | null): void;
  /** The shopper asked, on this channel, to be reminded of the cart later. */
  requestReminder(channel: string): void;
  products(skus: readonly string[]): Promise<Map<string, ProductRecord>>;
  save(): Promise<void>;
}

/** One customer's cart outside a turn (a WhatsApp catalogue order): read here, written by `save`. */
export async function openCartWork(customerId: Types.ObjectId, currency: string): Promise<CartWork> {
  return new StoredCart((await findCart(customerId)) ?? { customerId, currency, lines: [], revision: 0 });
}

class StoredCart implements CartWork {
  private changed = false;
  /** The language products are named in (`nameProductsIn`); the catalogue's own names when null. */
  locale: string | null = null;
  private readonly productCache = new Map<string, ProductRecord | null>();

  constructor(public cart: CartRecord) {
    this.loadedRevision = cart.revision;
  }

  /** The revision the cart was read at: however often the lines change, `save` moves the stored revision on once. */
  private loadedRevision: number;

  replaceCartLines(lines: CartLine[]): void {
    // The revision this turn's cart will have once saved, so a read-back in the same turn binds to the revision the yes will read.
    this.cart = { ...this.cart, lines, revision: this.loadedRevision + 1 };
    this.changed = true;
  }

  setDiscountCode(discountCode: string | null): void {
    this.cart = { ...this.cart, discountCode, revision: this.loadedRevision + 1 };
    this.changed = true;
  }

  requestReminder(channel: string): void {
    this.cart = { ...this.cart, reminderRequestedOn: channel, revision: this.loadedRevision + 1 };
    this.changed = true;
  }

  async products(skus: readonly string[]): Promise<Map<string, ProductRecord>> {
    const missing = new Set([...skus, ...this.cart.lines.map((line) => line.sku)].filter((sku) => !this.productCache.has(sku)));
    if (skus.some((sku) => missing.has(sku))) {
      const found = await ProductModel.find({ sku: { $in: [...missing] } }).lean();
      for (const sku of missing) this.productCache.set(sku, null);
      for (const product of found) this.productCache.set(product.sku, product);
    }
    const result = new Map<string, ProductRecord>();
    for (const sku of skus) {
      const product = this.productCache.get(sku);
      if (product) result.set(sku, this.locale ? productNamedIn(product, this.locale) : product);
    }
    return result;
  }

  async save(): Promise<void> {
    if (!this.changed) return;
    await writeCartLines(this.cart);
    this.changed = false;
    this.loadedRevision = this.cart.revision;
  }
}

class MongoUnitOfWork implements TurnUnitOfWork {
  private readonly stored: StoredCart;

  constructor(
    readonly customerId: Types.ObjectId,
    readonly session: SessionRecord,
    cart: CartRecord,
    private loaded: CustomerRecord | null,
  ) {
    this.stored = new StoredCart(cart);
  }

  get timeZone(): string {
    return this.session.timeZone ?? 'UTC';
  }

  async customer(): Promise<CustomerRecord> {
    // Only a merge racing this turn leaves the session on a merged customer; the turn fails and the next one reads the moved session.
    this.loaded ??= await findLiveCustomer(this.customerId);
    if (!this.loaded) throw new Error(`customer ${this.customerId} was merged or removed during the turn`);
    return this.loaded;
  }

  get cart(): CartRecord {
    return this.stored.cart;
  }

  replaceCartLines(lines: CartLine[]): void {
    this.stored.replaceCartLines(lines);
  }

  setDiscountCode(code: string | null): void {
    this.stored.setDiscountCode(code);
  }

  requestReminder(channel: string): void {
    this.stored.requestReminder(channel);
  }

  products(skus: readonly string[]): Promise<Map<string, ProductRecord>> {
    return this.stored.products(skus);
  }

  nameProductsIn(locale: string): void {
    this.stored.locale = locale;
  }

  private language: { locale: string; how: 'asked' | 'detected' } | null = null;

  keepLanguage(locale: string, how: 'asked' | 'detected'): void {
    this.language = { locale, how };
    if (this.loaded && !(how === 'detected' && this.loaded.localeSource === 'asked')) Object.assign(this.loaded, { locale, localeSource: how });
  }

  async save(now: Date, transcript?: TranscriptWrite): Promise<void> {
    const language = this.language;
    this.language = null;
    await Promise.all([
      writeSession(this.session, now),
      this.stored.save(),
      language && storeCustomerLanguage(this.customerId, language.locale, language.how),
      transcript && appendTranscript(transcript.entries, transcript.retentionDays),
    ]);
  }
}
