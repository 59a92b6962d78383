import type { LocalDate } from '../../core/dates';
import type { DiscountProblem } from '../../core/discount';
import type { ErrorCode } from '../../core/errors';
import type { Message } from '../format';

/**
 * Every word the assistant says or writes in en-US, in one place. A new locale copies this object's
 * shape (the `Messages` type) and translates; flows never hold literal strings.
 */

type Line = { name: string; quantity: number; lineTotalMinor: number };

type CardName = { brand: string; last4: string };
/** How a placed order is being paid, as the reply after the order number says it. */
export type PaymentSaid = { kind: 'charged'; card: CardName } | { kind: 'link'; why: 'no-card' | 'declined' | 'authentication'; holdMinutes: number; url: string; sentToPhone: boolean } | { kind: 'in-progress' };
/** One city's event as the event dialog tells it: the day and wall-clock time are the venue's own. */
export type EventSaid = { name: string; day: LocalDate; time?: string | null; venue: string; link: string };
export type PaymentWay = { kind: 'card'; card: CardName } | { kind: 'link' } | { kind: 'on-delivery' };

/** Stripe's card brand ids (visa, mastercard, amex, ...) as people say them, the same in every language; null for one we do not know. */
const CARD_BRANDS: Record<string, string> = { visa: 'Visa', mastercard: 'Mastercard', amex: 'American Express', discover: 'Discover', diners: 'Diners Club', jcb: 'JCB', unionpay: 'UnionPay' };
export const cardBrandName = (brand: string): string | null => CARD_BRANDS[brand] ?? null;
const cardName = (card: CardName): string => `${cardBrandName(card.brand) ?? 'card'} ending ${card.last4}`;
const DISCOUNT_PROBLEMS: Record<DiscountProblem, string> = {
  unknown: "isn't one of ours",
  inactive: 'has been withdrawn',
  'not-yet-valid': "isn't valid yet",
  expired: 'has expired',
  'below-minimum': 'needs a bigger basket',
  'no-eligible-items': "doesn't cover anything in your cart",
  'used-up': 'has been used up',
};

const lineList = (lines: Line[]): Message => (say) => say.list(lines.map((line) => `${say.count(line.quantity, line.name)}`));

export const enUS = {
  welcome: (sellerName: string, hasOrders: boolean): Message => () =>
    hasOrders ? `Welcome back to ${sellerName}. You can reorder your usual, check an order, or tell me what you need.` : `Welcome to ${sellerName}. Tell me what you need, like "add two Colombian coffees", or ask for gift ideas.`,
  welcomeReprompt: (): Message => () => 'What would you like to do?',
  help: (): Message => (say) =>
    say.voice
      ? 'You can ask for a product, add it to your cart, check out, reorder your usual, ask where your order is, or cancel it. What would you like?'
      : 'You can search ("show me tea"), add items ("add 2 green tea"), check out, reorder ("reorder my usual"), ask "where is my order", cancel an order, find a gift, or type "agent" for a person.',
  goodbye: (): Message => () => 'Goodbye, and thanks for shopping with us.',
  fallback: (): Message => (say) =>
    say.voice ? "Sorry, I didn't catch that. You can say things like add coffee, check out, or where is my order." : `Sorry, I didn't understand. Try "add 2 green tea", "checkout", "reorder my usual" or "help".`,
  anythingElse: (): Message => () => 'Anything else?',

  // Browsing and product questions
  searchResults: (names: string[]): Message => (say) =>
    say.voice ? `I found ${say.list(names)}. Which one would you like?` : `Here's what I found: ${names.join(', ')}. Which would you like?`,
  didYouMean: (names: string[]): Message => (say) => `Did you mean ${say.list(names, 'or')}?`,
  whichProduct: (): Message => () => 'Which product would you like?',
  notFound: (said: string): Message => () => `Sorry, I couldn't find "${said}" in our catalog.`,
  price: (name: string, priceMinor: number): Message => (say) => `${name} costs ${say.money(priceMinor)}.`,
  inStock: (name: string, stock: number): Message => () => (stock > 0 ? `Yes, ${name} is in stock.` : `Sorry, ${name} is out of stock right now.`),
  description: (name: string, description: string): Message => () => `${name}: ${description}`,
  rating: (name: string, rating: number, reviews: number, summary: string): Message => () => `${name} is rated ${rating} out of 5 from ${reviews} reviews. ${summary}`,
  noRating: (name: string): Message => () => `${name} has no reviews yet.`,
  addIt: (name: string): Message => () => `Would you like to add ${name} to your cart?`,
  offerStockAlert: (name: string): Message => () => `Shall I tell you when ${name} is back?`,
  stockAlertSet: (name: string): Message => () => `I'll let you know when ${name} is back in stock.`,
  alreadyInStock: (name: string): Message => () => `Good news: ${name} is in stock now.`,

  // Cart
  added: (quantity: number, name: string, cartTotalMinor: number): Message => (say) => `Added ${say.count(quantity, name)}. Your cart comes to ${say.money(cartTotalMinor)} before tax and delivery. Anything else, or shall I check out?`,
  removed: (name: string): Message => () => `I removed ${name} from your cart.`,
  notInCart: (name: string): Message => () => `${name} isn't in your cart.`,
  cartEmpty: (): Message => () => 'Your cart is empty.',
  cartContents: (lines: Line[], subtotalMinor: number): Message => (say) => `Your cart has ${lineList(lines)(say)}, ${say.money(subtotalMinor)} before tax and delivery. Shall I check out?`,
  onlyInStock: (name: string, available: number): Message => () => (available > 0 ? `Sorry, only ${available} more ${name} in stock.` : `Sorry, ${name} is out of stock right now.`),
  repriced: (changes: { name: string; fromMinor: number; toMinor: number }[]): Message => (say) =>
    changes.map((change) => `${change.name} now costs ${say.money(change.toMinor)}, it was ${say.money(change.fromMinor)} when you added it.`).join(' '),

  // Purchase guard
  readBack: (p: {
    sellerName: string;
    lines: (Line & { unitPriceMinor: number })[];
    deliveryTo: string;
    totalMinor: number;
    taxMinor: number;
    deliveryFeeMinor: number;
    codeRequired: boolean;
    discount?: { code: string; amountMinor: number } | null;
    payment: PaymentWay;
  }): Message => (say) => {
    const items = say.list(p.lines.map((line) => `${say.count(line.quantity, line.name)} at ${say.money(line.unitPriceMinor)}${line.quantity > 1 ? ' each' : ''}`));
    const fees = p.deliveryFeeMinor > 0 ? `${say.money(p.taxMinor)} tax and ${say.money(p.deliveryFeeMinor)} delivery` : `${say.money(p.taxMinor)} tax and free delivery`;
    const code = p.codeRequired ? ' After you confirm, I will ask for your voice code.' : '';
    const payment = p.payment.kind === 'card' ? ` I will charge your ${cardName(p.payment.card)}.` : p.payment.kind === 'link' ? ' I will send you a link to pay.' : ' You pay on delivery.';
    const discount = p.discount ? ` With discount code ${p.discount.code}, ${say.money(p.discount.amountMinor)} off.` : '';
    return `Your order from ${p.sellerName}: ${items}, delivered to ${p.deliveryTo}.${discount} The total is ${say.money(p.totalMinor)}, including ${fees}.${payment}${code} Should I place the order?`;
  },
  confirmReprompt: (): Message => () => 'Should I place the order? Please say yes or no.',
  askVoiceCode: (): Message => (say) => `Please ${say.voice ? 'say' : 'send'} your four-digit voice code.`,
  voiceCodeWrong: (attemptsLeft: number): Message => (say) => `That code isn't right. You have ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left. Please ${say.voice ? 'say' : 'send'} your voice code.`,
  orderPlaced: (p: { orderNumber: string; totalMinor: number; windowMinutes: number; receiptEmailed: boolean }): Message => (say) =>
    `Done. Your order number is ${say.orderNumber(p.orderNumber)}, total ${say.money(p.totalMinor)}. ${p.receiptEmailed ? 'A receipt is on its way to your email, and you' : 'You'} can cancel within ${p.windowMinutes} minute${p.windowMinutes === 1 ? '' : 's'}.`,
  /** How a placed order is being paid, said after its number. */
  orderPayment: (p: PaymentSaid): Message => (say) => {
    if (p.kind === 'charged') return `I charged your ${cardName(p.card)}.`;
    if (p.kind === 'in-progress') return 'Your payment is being processed.';
    const why = p.why === 'declined' ? 'Your card was declined. ' : p.why === 'authentication' ? 'Your bank wants you to confirm this payment. ' : '';
    const where = p.sentToPhone || say.voice ? 'I sent you a link to pay' : `Please pay here: ${p.url}`;
    return `${why}${where}. I'll hold your items for ${p.holdMinutes} minutes.`;
  },
  refundStarted: (amountMinor: number): Message => (say) => `Your refund of ${say.money(amountMinor)} is on its way to your card.`,
  /** "Add a card", "which card", "remove my card". */
  cardSetupLink: (url: string): Message => () => `Add your card on Stripe's secure page: ${url}`,
  addCardByChat: (): Message => () => 'To add a card, write "add a card" to us in chat.',
  /**
   * Asked for by voice: the link is on its way to the customer's text channel, or already was in this
   * window, or the day's links are used up. The sender may still refuse it (a closed messaging window,
   * a STOP), so the wording hedges and names the chat as the way if it never arrives.
   */
  cardSetupLinkSent: (): Message => () => `I'm texting you a link to add your card on Stripe's secure page. If it doesn't arrive, write "add a card" to us in chat.`,
  cardSetupLinkAlreadySent: (): Message => () => `A link to add your card is already on its way to you. If it doesn't arrive, write "add a card" to us in chat.`,
  cardSetupPageLimit: (): Message => () => "You've asked for several card pages today, so I won't open another now. Please use the last link I gave you, or try again tomorrow.",
  cardSetupLinkLimit: (): Message => () => `You've asked for a card link several times today, so I won't send another now. To add a card, write "add a card" to us in chat.`,
  savedCard: (card: CardName): Message => () => `Your saved card is the ${cardName(card)}.`,
  noCardSaved: (): Message => () => 'You have no card saved.',
  cardRemoved: (card: CardName): Message => () => `I removed your ${cardName(card)}.`,
  noCardNeeded: (): Message => () => 'Payment is taken on delivery, so no card is needed.',
  checkoutCancelled: (why: 'declined' | 'silence' | 'changed-subject'): Message => () =>
    why === 'changed-subject' ? "OK, I didn't place that order; your cart is saved." : "OK, I didn't place the order. Your cart is saved for later.",
  basketChanged: (): Message => () => 'Your cart changed since I read the order back, so here it is again.',

  // Discount codes
  discountApplied: (p: { code: string; amountMinor: number; totalMinor: number }): Message => (say) =>
    `Discount code ${p.code} takes ${say.money(p.amountMinor)} off. Your cart total is now ${say.money(p.totalMinor)}.`,
  discountRefused: (code: string, problem: DiscountProblem): Message => () => `Sorry, the code ${code} ${DISCOUNT_PROBLEMS[problem]}.`,
  discountNoLongerApplies: (code: string, problem: DiscountProblem): Message => () => `The discount code ${code} no longer applies: it ${DISCOUNT_PROBLEMS[problem]}, so I took it off.`,
  whichDiscountCode: (): Message => () => 'Which discount code would you like to use?',

  // Reorder
  reorderSummary: (p: { orderNumber: string; placedAt: Date; lines: { name: string; quantity: number; status: string; availableQuantity: number; pricePaidMinor: number; priceNowMinor: number | null }[] }): Message => (say) => {
    const items = say.list(p.lines.map((line) => say.count(line.quantity, line.name)));
    const notes = p.lines
      .map((line) => {
        if (line.status === 'out-of-stock' || line.status === 'unavailable') return `${line.name} is not available right now.`;
        if (line.status === 'short') return `Only ${line.availableQuantity} ${line.name} are in stock.`;
        if (line.status === 'repriced') return `${line.name} now costs ${say.money(line.priceNowMinor!)}, you paid ${say.money(line.pricePaidMinor)}.`;
        return '';
      })
      .filter(Boolean)
      .join(' ');
    return `Your order ${say.orderNumber(p.orderNumber)} from ${say.date(p.placedAt)} had ${items}.${notes ? ` ${notes}` : ''} Shall I add what's available to your cart at today's prices and check out?`;
  },
  reorderNothingAvailable: (): Message => () => 'None of the items from that order are available right now, so there is nothing to reorder.',
  noPastOrders: (): Message => () => "I couldn't find a past order to repeat.",

  // Order status and cancelling
  orderStatus: (p: { orderNumber: string; status: string; placedAt?: Date | null; cancellableUntil?: Date | null; tracking?: { carrier?: string | null; number?: string | null } | null; now: Date }): Message => (say) => {
    const base = `Order ${say.orderNumber(p.orderNumber)}${p.placedAt ? ` from ${say.date(p.placedAt)}` : ''} is ${STATUS_WORDS[p.status] ?? p.status}.`;
    const tracking = p.status === 'shipped' && p.tracking?.number ? ` ${p.tracking.carrier ?? 'The carrier'} tracking number is ${p.tracking.number}.` : '';
    const cancel = p.cancellableUntil && p.cancellableUntil > p.now && (p.status === 'placed' || p.status === 'paid') ? ` You can still cancel it until ${say.time(p.cancellableUntil)}.` : '';
    return base + tracking + cancel;
  },
  noOrders: (): Message => () => "You don't have any orders yet.",
  confirmCancel: (orderNumber: string, totalMinor: number): Message => (say) => `Cancel order ${say.orderNumber(orderNumber)} for ${say.money(totalMinor)}?`,
  orderCancelled: (orderNumber: string): Message => (say) => `Order ${say.orderNumber(orderNumber)} is cancelled. You won't be charged.`,
  keptOrder: (): Message => () => 'OK, I left your order as it is.',
  noOrderToCancel: (): Message => () => "You don't have an order that can still be cancelled.",

  // Voice code, consent, linking, handoff
  setCodeByText: (): Message => () => 'For your security, set your voice code by text message or in the app, not by voice.',
  askNewCode: (): Message => () => 'Please send the four digits you want as your voice code.',
  codeSet: (): Message => () => "Your voice code is set. I'll ask for it when you order by voice.",
  codeMalformed: (): Message => () => 'A voice code is exactly four digits. Please send four digits.',
  optedOut: (): Message => () => "You won't get marketing messages from us any more. We'll still send updates about orders you place.",
  // Only text channels can "reply STOP"; a voice customer opts out by saying so.
  // Keyword sign-up (double opt-in on SMS): the ask is the consent wording, stored with the opt-in.
  signupAsk: (brand: string): string => `${brand}: reply YES to get our offers and event news by text, up to 4 a month. Msg & data rates may apply. Reply STOP at any time to end.`,
  signupAskHere: (brand: string): string => `${brand}: reply YES to get our offers and event news here, up to 4 a month. Reply STOP at any time to end.`,
  signupConfirmed: (brand: string): string => `You're in: ${brand} will text you offers and event news. Reply STOP at any time to end.`,
  signupDeclined: (): Message => () => "No problem, you won't get offers from us.",
  remindCartAsk: (hours: number): Message => () => `Shall I remind you about your cart here in ${hours} hours?`,
  remindCartSet: (hours: number): Message => () => `OK, I'll remind you about your cart here in about ${hours} hours.`,
  npsThanks: (): Message => () => 'Thank you for your answer!',
  npsAskWhy: (): Message => () => 'Thank you for telling us. What could we have done better?',
  npsCommentThanks: (): Message => () => "Thank you, we'll use it to do better.",
  offersAsk: (brand: string): string => `Would you like ${brand}'s offers and news here too, up to 4 a month? Reply YES or NO. You can reply STOP at any time.`,
  // The event dialog (EVENT_KEYWORDS): pick a city from a list, get its event; on SMS the sign-up ask follows the details.
  eventCityAsk: (): Message => () => 'Which city would you like events for? Reply with its number or name.',
  eventCityUnknown: (): Message => () => "Sorry, I don't know that city. Which one? Reply with its number or name.",
  eventCityStillUnknown: (keyword: string): Message => () => `Sorry, I still can't find that city. Text ${keyword} again whenever you like.`,
  eventsLater: (keyword: string): Message => () => `No problem. Text ${keyword} again whenever you like.`,
  noEvents: (): Message => () => 'There are no events listed right now. Please check back soon.',
  eventDetails: (city: string, event: EventSaid): Message => (say) => `${city}: ${event.name}, ${say.date(event.day)}${event.time ? ` at ${say.wallTime(event.time)}` : ''}, ${event.venue}. ${event.link}`,
  optedIn: (): Message => (say) =>
    say.voice ? "Thanks! You'll get offers and news from us. Say stop sending me offers at any time to opt out." : "Thanks! You'll get offers and news from us. Reply STOP at any time to opt out.",
  messagesStopped: (): Message => (say) =>
    say.voice ? "OK, we won't send you any more messages or notifications, order updates included." : "OK, we won't send you any more messages, order updates included. Send START here to get order updates again.",
  messagesStoppedHere: (): Message => () => "You're unsubscribed: no more messages from us here, order updates included. Send START to get order updates again.",
  messagesResumed: (): Message => () => "You'll get updates about your orders again. Offers stay off unless you ask for them. Send STOP at any time to stop.",
  linkAccount: (): Message => (say) =>
    say.voice ? 'To link your account, open the Alexa app and choose link account on our skill.' : 'To use the same account everywhere, say "link my account" on your other channel to get a code, then send it here.',
  linkCodeIssued: (code: string, minutes: number): Message => (say) =>
    say.voice
      ? `Your link code is ${code.replace(/\s/g, '').split('').join(' ')}. Again: ${code.replace(/\s/g, '').split('').join(' ')}. Within ${minutes} minutes, send the word link and this code from your other channel.`
      : `Your link code is ${code}. Within ${minutes} minutes, send "link ${code}" from your other channel, or enter it when the Alexa app asks you to sign in. It works once.`,
  linkCodeTexted: (lastDigits: string, minutes: number): Message => () =>
    `I've texted a link code to the number ending ${lastDigits}. Reply to that text with the word link and the code within ${minutes} minutes.`,
  linkCodeSms: (code: string, sellerName: string, minutes: number): Message => () => `${sellerName}: your link code is ${code}. Reply "link ${code}" within ${minutes} minutes to use this number for your account. Didn't ask? Ignore this.`,
  linkCodeMalformed: (): Message => () => 'A link code is twelve digits, like "link 4821 9073 1640". Please send it again.',
  accountLinked: (): Message => () => 'Done: this is now linked to your account. Your cart and orders are here too.',
  alreadyLinked: (): Message => () => 'This is already linked to your account.',
  // The established customer is asked on their own channel; the wording says what a yes gives away.
  confirmLinkHere: (otherChannel: string): Message => (say) =>
    `This link code was asked for on ${otherChannel}. Linking lets that ${otherChannel} conversation use your account here, with your saved address and payment details. Only if you asked for the code yourself, ${say.voice ? 'say yes' : 'reply YES'}. Otherwise ${say.voice ? 'say no' : 'reply NO'}.`,
  confirmLinkThere: (otherChannel: string): Message => (say) =>
    `Your link code was just used on ${otherChannel}. Linking lets that ${otherChannel} conversation use your account, with your saved address and payment details. Only if that was you, ${say.voice ? 'say yes' : 'reply YES'}. Otherwise ${say.voice ? 'say no' : 'reply NO'}.`,
  linkAwaitsConfirmation: (confirmOn: string): Message => () =>
    `Nearly done. To protect your account, confirm it on ${confirmOn}, where you asked for the code: say or type "link my account" there within 10 minutes and answer yes.`,
  linkDeclined: (): Message => () => 'OK, not linked. Nothing has changed.',
  linkConfirmationExpired: (): Message => () => 'That link request has expired, so nothing was linked. Ask for a new code with "link my account".',
  handoff: (waitMinutes: number): Message => () => `I'm passing you to a person on our team; they usually answer here within about ${waitMinutes} minutes. Type menu to come back to me.`,
  handoffAfterHours: (opensAt: string, timeZone: string): Message => () =>
    `Our team is away right now and answers from ${opensAt} (${timeZone} time). I've passed your message on, and a person will write to you here then. Type menu to carry on with me meanwhile.`,
  handoffWriteBack: (channel: string, waitMinutes: number): Message => () => `I've asked a person on our team to write to you on ${channel}, usually within about ${waitMinutes} minutes. Anything else I can do?`,
  handoffWriteBackAfterHours: (channel: string, opensAt: string, timeZone: string): Message => () =>
    `Our team is away right now. I've asked them to write to you on ${channel} from ${opensAt} (${timeZone} time). Anything else I can do?`,
  handoffStillWaiting: (): Message => () => 'Sorry, nobody on our team has picked this up yet. You can keep waiting and someone will answer here, or type menu to carry on with me.',
  handoffWelcomeBack: (): Message => () => "Thanks for talking with our team. You're back with the shopping assistant.",
  handoffByVoice: (): Message => () => "I can't put you through to a person here, but if you message us by text or in the app, a person on our team will answer.",
  handoffEnded: (): Message => () => "You're back with the shopping assistant. How can I help?",

  // Gift finder
  giftAskAge: (): Message => () => 'Happy to help find a gift. How old is the person?',
  giftAskBudget: (): Message => () => "What's your budget?",
  giftAskCategory: (categories: string[]): Message => (say) => `Any particular kind of gift? For example ${say.list(categories, 'or')}. Or say any.`,
  giftIdeas: (ideas: { name: string; priceMinor: number }[]): Message => (say) => `Here are ${ideas.length} ideas: ${say.list(ideas.map((idea) => `${idea.name} for ${say.money(idea.priceMinor)}`))}. Would you like to add one?`,
  giftNone: (): Message => () => "I couldn't find a gift that fits. Try a bigger budget or any category.",

  /** Said while a slow step runs (Alexa progressive responses). */
  progress: {
    placingOrder: 'One moment while I place your order.',
  },

  // Choice labels (buttons, quick replies, numbered options)
  labels: {
    yes: 'Yes',
    no: 'No',
    checkout: 'Check out',
    viewCart: 'View cart',
    reorderUsual: 'Reorder my usual',
    orderStatus: 'Order status',
    giftIdeas: 'Gift ideas',
    help: 'Help',
    add: (name: string) => `Add ${name}`,
    stockAlert: "Tell me when it's back",
    outOfStock: 'out of stock',
    payNow: 'Pay now',
    addCard: 'Add card',
  },

  errors: {
    VALIDATION_FAILED: "Sorry, I couldn't use that. Please try again.",
    MALFORMED_BODY: "Sorry, I couldn't read that message.",
    BODY_TOO_LARGE: 'That message is too long.',
    UNSUPPORTED_MEDIA_TYPE: "Sorry, I couldn't read that message.",
    UNAUTHENTICATED: 'Please sign in first.',
    FORBIDDEN: "Sorry, that isn't allowed.",
    NOT_FOUND: "Sorry, I couldn't find that.",
    CONFLICT: 'That changed just now. Please try again.',
    DATABASE_UNAVAILABLE: "Sorry, I'm having trouble right now. Please try again shortly.",
    INTERNAL: 'Sorry, something went wrong on our side. Please try again shortly.',
    PRODUCT_NOT_FOUND: "Sorry, I couldn't find that product.",
    OUT_OF_STOCK: 'Sorry, some items are out of stock.',
    CART_EMPTY: 'Your cart is empty. Tell me what you would like first.',
    RESTRICTED_BY_VOICE: "Sorry, that item can't be ordered by voice.",
    AGE_VERIFICATION_REQUIRED: 'That item needs an age check before you can order it. Please verify your age in the app.',
    ORDER_LIMIT_EXCEEDED: 'That order is above the limit for a single order. Please remove something and try again.',
    DAILY_LIMIT_EXCEEDED: "That would take you over today's spending limit, so I can't place it.",
    VOICE_CODE_NOT_SET: 'This order needs a voice code, and you have not set one. You can set one by text message or in the app.',
    VOICE_CODE_WRONG: "That code isn't right.",
    VOICE_CODE_REQUIRED: 'This order needs your voice code. Please say or type it to confirm.',
    VOICE_CODE_LOCKED: "That voice code was entered wrong three times, so I've turned it off to protect your account. Your order was not placed. To set a new code, text SET VOICE CODE to us or use the app.",
    CONFIRMATION_STALE: 'Your cart changed, so let me read the order back again.',
    NO_ADDRESS: 'I need a delivery address first. Please add one in the app.',
    ORDER_NOT_FOUND: "I couldn't find that order.",
    CANCEL_WINDOW_CLOSED: 'That order can no longer be cancelled: the cancellation window has passed or it is already being packed. Type agent to talk to a person about a return.',
    INVALID_STATUS_CHANGE: "That order can't change that way.",
    ACCOUNT_NOT_LINKED: 'To order, please link your account: open the Alexa app, find our skill and choose link account. I have sent a card to help.',
    REQUEST_NOT_VERIFIED: "Sorry, that request couldn't be verified.",
    LINK_CODE_WRONG: "That link code isn't right. Please check the digits and try again.",
    LINK_CODE_LOCKED: 'That link code was tried too many times, so it no longer works. Say or type "link my account" on your other channel for a new one.',
    LINK_CODE_EXPIRED: 'That link code has expired. Say or type "link my account" on your other channel for a new one.',
    LINK_CODE_USED: 'That link code has already been used. Say or type "link my account" on your other channel for a new one.',
    LINK_CODE_THROTTLED: 'Too many link codes were tried from here. Please wait an hour and try again.',
    WEBCHAT_SESSIONS_THROTTLED: 'Too many chats were started from here. Please wait an hour and try again.',
    LINK_CODE_UNAVAILABLE: "I can't make a link code right now. Please try again in a few minutes.",
    DISCOUNT_NOT_APPLICABLE: "Sorry, that discount code doesn't apply.",
    ORDER_IN_PROGRESS: "I'm still placing that order. Please ask again in a moment.",
    PAYMENT_UNAVAILABLE: "Sorry, I couldn't reach our payment service, so nothing was charged and no order was placed. Please try again in a few minutes.",
    REFUND_NOT_ALLOWED: "Sorry, I can't refund that amount.",
    SIGN_IN_THROTTLED: 'Too many sign-in attempts. Please wait a few minutes and try again.',
    CAMPAIGN_TEST_THROTTLED: 'Too many test sends of this campaign this hour. Please try again next hour.',
    AGENT_REPLY_REFUSED: "That message can't be sent on this channel right now.",
  } satisfies Record<ErrorCode, string>,

  /** How a quantity of a product is said ("2 Green Tea"); `say.count` reads it. */
  count: (quantity: number, name: string): string => `${quantity} ${name}`,
  /** The answer to "speak English": said in the language switched to. */
  languageSwitched: (): Message => () => "OK, I'll speak English from now on.",

  /** The answer to HELP on SMS: who we are, what to text, how to stop. */
  carrierHelp: (sellerName: string): string => `${sellerName}: shop and track orders by text, e.g. "show me coffee" or "where is my order". Reply STOP to unsubscribe.`,

  /** Numbered options on channels without buttons: "Reply 1 for Yes, 2 for No." */
  numberedChoices: {
    inline: (options: string[]): string => `Reply ${options.join(', ')}.`,
    option: (digit: string, label: string): string => `${digit} for ${label}`,
    more: (count: number): string => `+${count} more: reply with what you want`,
  },

  /** Proactive messages: order updates (also a template's parameters) and back-in-stock alerts. */
  notifications: {
    orderUpdate: (status: string, orderNumber: string): string =>
      ({
        paid: `your order ${orderNumber} is paid and we are getting it ready.`,
        shipped: `your order ${orderNumber} is on its way.`,
        delivered: `your order ${orderNumber} was delivered.`,
        cancelled: `your order ${orderNumber} was cancelled.`,
        returned: `we received the return of your order ${orderNumber}.`,
        refunded: `your order ${orderNumber} was refunded.`,
      })[status] ?? `your order ${orderNumber} is ${status}.`,
    /** A template's {{2}}: the approved English templates read the status word as it is stored. */
    status: (status: string): string => status,
    tracking: (carrierAndNumber: string): string => `Tracking: ${carrierAndNumber}`,
    backInStock: (sellerName: string, productName: string): string => `${sellerName}: good news, ${productName} is back in stock. Reply to order it.`,
    marketingOptOut: (link: string | null): string => (link ? `Reply STOP or tap ${link} to opt out.` : 'Reply STOP to opt out.'),
    marketingEmailWhy: (brand: string): string => `You get this e-mail because you asked ${brand} for offers by e-mail.`,
    marketingEmailUnsubscribe: (): string => 'Unsubscribe',
    cartReminder: (items: string): string => `You left ${items} in your cart. Reply CHECKOUT to order, on this or any channel.`,
    /** The NPS question after delivery (also a WhatsApp template's one parameter: the seller). */
    npsQuestion: (sellerName: string): string => `From 0 to 10, how likely are you to recommend ${sellerName} to a friend? Reply with a number.`,
    /** A birthday message (marketing: each channel adds the brand and the opt-out), with the configured code if any. */
    birthday: (code: string | null): string => (code ? `Happy birthday! A treat from us: use code ${code} on your next order.` : 'Happy birthday from all of us! We wish you a wonderful day.'),
    payHere: (orderNumber: string, url: string): string => `to complete your order ${orderNumber}, please pay here: ${url}`,
    /** The card-setup link asked for by voice, after the seller's name (notify/wording.ts). */
    addCardHere: (url: string): string => `add your card on Stripe's secure page: ${url}`,
  },

  /** The e-mail receipt (assembled in notify/receipts.ts). */
  receipt: {
    subject: (sellerName: string, orderNumber: string): string => `Your ${sellerName} receipt for order ${orderNumber}`,
    greeting: (name: string): string => (name ? `Hello ${name},` : 'Hello,'),
    thanks: (orderNumber: string, sellerName: string): string => `Thank you for your order ${orderNumber} from ${sellerName}.`,
    subtotal: 'Subtotal',
    tax: 'Tax',
    delivery: 'Delivery',
    total: 'Total',
    cancelUntil: (until: string): string => `You can cancel this order until ${until} by saying or typing "cancel my order".`,
    soldBy: (sellerName: string): string => `Sold by ${sellerName}.`,
  },

  /** The account-linking sign-in page (HTML around these is in http/oauth/sign-in-page.ts). */
  signIn: {
    title: (sellerName: string) => `Link your ${sellerName} account`,
    heading: (sellerName: string) => `Link your ${sellerName} account to Alexa`,
    help: 'In our WhatsApp, Messenger, SMS or web chat, send <strong>link my account</strong>. We reply with a twelve-digit link code that works for 10 minutes. Enter it here.',
    codeLabel: 'Link code',
    submit: 'Link account',
    cancel: 'Cancel',
    expiredTitle: 'Link expired',
    expiredHeading: 'This sign-in link has expired',
    expiredHelp: 'Please start account linking again from the Alexa app.',
    malformed: 'A link code is twelve digits. Please check it and try again.',
  },
};

const STATUS_WORDS: Record<string, string> = {
  pending: 'being placed',
  placed: 'placed',
  awaiting_payment: 'waiting for your payment',
  paid: 'paid and waiting to be packed',
  packed: 'packed and ready to ship',
  shipped: 'on its way',
  delivered: 'delivered',
  cancelled: 'cancelled',
  returned: 'returned',
  refunded: 'refunded',
  failed: 'not placed',
};

export type Messages = typeof enUS;
