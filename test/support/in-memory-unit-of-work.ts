import { Types } from 'mongoose';
import { CustomerModel, ProductModel } from '../../models';
import type { CartLine, CartRecord } from '../../src/store/cart-store';
import { productNamedIn, type ProductRecord } from '../../src/store/catalog-store';
import type { CustomerRecord } from '../../src/store/customer-store';
import { sessionKey, type SessionRecord } from '../../src/store/session-store';
import type { TranscriptEntry } from '../../src/store/transcript-store';
import type { OpenUnitOfWork, TranscriptWrite, TurnOwner, TurnUnitOfWork } from '../../src/store/unit-of-work';

/**
 * The first test tier (issue 15 item 8): a turn's customer, session and cart kept in this object
 * instead of the database, behind the same `OpenUnitOfWork` interface the pipeline opens. A flow
 * test that checks only wording and dialogue state runs on it without the session, cart and customer
 * reads and writes of every turn. Products are still read from the database's catalog (as are
 * the catalog matcher, orders, consent and everything the services do outside the unit of work), so
 * a test on this tier still starts from `freshDemoStore()`, once per file when it changes nothing else.
 *
 * It lives under test/ on purpose: nothing in src/ imports it, so production can only open the
 * database's unit of work (`handleTurn`'s default).
 */
export class InMemoryTurns {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly carts = new Map<string, CartRecord>();
  private readonly customers = new Map<string, CustomerRecord>();
  /** Every message the saved turns recorded, in order. */
  readonly transcript: TranscriptEntry[] = [];

  /** Pass to `handleTurn` (or `Shopper`'s `work` option). */
  readonly open: OpenUnitOfWork = async (owner) => this.openFor(owner);

  /** What the last saved turn left for this channel user (a copy: changing it changes nothing). */
  savedSession(channel: TurnOwner['channel'], channelUserId: string): SessionRecord | undefined {
    const session = this.sessions.get(sessionKey(channel, channelUserId));
    return session && copySession(session);
  }

  /** The cart the last turn that changed it saved (a copy). */
  savedCart(customerId: Types.ObjectId): CartRecord | undefined {
    const cart = this.carts.get(String(customerId));
    return cart && copyCart(cart);
  }

  private async openFor({ channel, channelUserId, locale, currency }: TurnOwner): Promise<TurnUnitOfWork> {
    const key = sessionKey(channel, channelUserId);
    // Each turn works on copies, as the database's unit of work does on what it read: nothing a turn changes is kept unless it saves.
    const stored = this.sessions.get(key);
    const session: SessionRecord = stored ? copySession(stored) : { key, channel, channelUserId, locale, dialog: {}, lastInboundAt: null, handoff: false };
    let customer = session.customerId ? this.customers.get(String(session.customerId)) : undefined;
    if (!customer) {
      // What `customerIdForIdentity` creates for a never-seen channel user, with the schema's defaults, never inserted.
      customer = new CustomerModel({ _id: new Types.ObjectId(), locale, preferences: { preferredChannels: [channel] } }).toObject() as CustomerRecord;
      this.customers.set(String(customer._id), customer);
    }
    session.customerId = customer._id;
    session.timeZone = customer.timeZone;
    const storedCart = this.carts.get(String(customer._id));
    const cart = storedCart ? copyCart(storedCart) : { customerId: customer._id, currency, lines: [], revision: 0 };
    return new InMemoryUnitOfWork(this, customer, session, cart);
  }

  /** Called by a unit of work's `save`: the session always, the cart when the turn changed it. */
  store(session: SessionRecord, cart: CartRecord | null, transcript: readonly TranscriptEntry[]): void {
    this.transcript.push(...transcript);
    this.sessions.set(session.key, copySession(session));
    if (cart) this.carts.set(String(cart.customerId), copyCart(cart));
  }
}

// Copies keep the ObjectIds as they are (structuredClone would turn them into plain objects); the dialogue state is plain data.
function copySession(session: SessionRecord): SessionRecord {
  return { ...session, dialog: structuredClone(session.dialog) };
}

function copyCart(cart: CartRecord): CartRecord {
  return { ...cart, lines: cart.lines.map((line) => ({ ...line })) };
}

class InMemoryUnitOfWork implements TurnUnitOfWork {
  private cartChanged = false;
  /** As the database's: however often a turn changes the lines, the saved cart's revision moves on once. */
  private readonly loadedRevision: number;

  constructor(
    private readonly turns: InMemoryTurns,
    private readonly loaded: CustomerRecord,
    readonly session: SessionRecord,
    public cart: CartRecord,
  ) {
    this.loadedRevision = cart.revision;
  }

  get customerId(): Types.ObjectId {
    return this.loaded._id;
  }

  get timeZone(): string {
    return this.session.timeZone ?? 'UTC';
  }

  async customer(): Promise<CustomerRecord> {
    return this.loaded;
  }

  replaceCartLines(lines: CartLine[]): void {
    this.cart = { ...this.cart, lines, revision: this.loadedRevision + 1 };
    this.cartChanged = true;
  }

  setDiscountCode(discountCode: string | null): void {
    this.cart = { ...this.cart, discountCode, revision: this.loadedRevision + 1 };
    this.cartChanged = true;
  }

  requestReminder(channel: string): void {
    this.cart = { ...this.cart, reminderRequestedOn: channel, revision: this.loadedRevision + 1 };
    this.cartChanged = true;
  }

  private locale: string | null = null;

  async products(skus: readonly string[]): Promise<Map<string, ProductRecord>> {
    const found = await ProductModel.find({ sku: { $in: [...skus] } }).lean();
    return new Map(found.map((product) => [product.sku, this.locale ? productNamedIn(product, this.locale) : product]));
  }

  nameProductsIn(locale: string): void {
    this.locale = locale;
  }

  keepLanguage(locale: string, how: 'asked' | 'detected'): void {
    Object.assign(this.loaded, { locale, localeSource: how });
  }

  async save(_now: Date, transcript?: TranscriptWrite): Promise<void> {
    this.turns.store(this.session, this.cartChanged ? this.cart : null, transcript?.entries ?? []);
    this.cartChanged = false;
  }
}
