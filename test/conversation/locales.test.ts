import assert from 'node:assert/strict';
import { parsePastDate } from '../../src/core/dates';
import { formatterFor, type Formatter } from '../../src/conversation/format';
import { MESSAGE_LOCALES, messagesFor, type Messages } from '../../src/conversation/locales';
import { orderUpdateText, orderUpdateParameters, backInStockText } from '../../src/notify/wording';
import { renderSignInPage } from '../../src/http/oauth/sign-in-page';

/**
 * Issue 21: every shopper-facing string exists in every locale, and a non-English locale never answers
 * with an English sentence. Each message is rendered with the arguments below, for the ear and the eye.
 */

const NON_ENGLISH = ['pt-BR', 'it-IT', 'zh-CN', 'pl-PL', 'ro-RO'] as const;
const now = new Date('2026-03-10T12:00:00Z');
const line = { name: 'ZX-1', quantity: 2, lineTotalMinor: 2598, unitPriceMinor: 1299 };

/** Arguments for each message that takes some; a key missing here fails the test that renders it. */
type SampleArguments = { [K in keyof Messages]?: Messages[K] extends (...args: infer A) => unknown ? A : never };
const ARGUMENTS: SampleArguments = {
  welcome: ['Q-Shop', true],
  searchResults: [['ZX-1', 'ZX-2']],
  didYouMean: [['ZX-1', 'ZX-2']],
  notFound: ['qqq'],
  price: ['ZX-1', 1299],
  inStock: ['ZX-1', 0],
  description: ['ZX-1', 'qqq'],
  rating: ['ZX-1', 4.5, 12, 'qqq'],
  noRating: ['ZX-1'],
  addIt: ['ZX-1'],
  offerStockAlert: ['ZX-1'],
  stockAlertSet: ['ZX-1'],
  alreadyInStock: ['ZX-1'],
  added: [2, 'ZX-1', 2598],
  removed: ['ZX-1'],
  notInCart: ['ZX-1'],
  cartContents: [[line], 2598],
  onlyInStock: ['ZX-1', 3],
  repriced: [[{ name: 'ZX-1', fromMinor: 1299, toMinor: 1399 }]],
  readBack: [{ sellerName: 'Q-Shop', lines: [line], deliveryTo: 'QQ 1', totalMinor: 2810, taxMinor: 212, deliveryFeeMinor: 0, codeRequired: true, discount: { code: 'QQ10', amountMinor: 260 }, payment: { kind: 'card', card: { brand: 'visa', last4: '4242' } } }],
  discountApplied: [{ code: 'QQ10', amountMinor: 260, totalMinor: 2550 }],
  discountRefused: ['QQ10', 'used-up'],
  signupAsk: ['Q-Shop'],
  signupAskHere: ['Q-Shop'],
  signupConfirmed: ['Q-Shop'],
  offersAsk: ['Q-Shop'],
  eventCityStillUnknown: ['QQ'],
  eventsLater: ['QQ'],
  eventDetails: ['QA', { name: 'ZX-1', day: { year: 2026, month: 6, day: 20 }, time: '19:00', venue: 'QB', link: 'https://qq.example/qq' }],
  remindCartAsk: [4],
  remindCartSet: [4],
  discountNoLongerApplies: ['QQ10', 'expired'],
  voiceCodeWrong: [2],
  orderPlaced: [{ orderNumber: '482-917', totalMinor: 2810, windowMinutes: 30, receiptEmailed: true }],
  orderPayment: [{ kind: 'link', why: 'authentication', holdMinutes: 30, url: 'https://qq.example/qq', sentToPhone: false }],
  refundStarted: [2810],
  cardSetupLink: ['https://qq.example/qq'],
  savedCard: [{ brand: 'visa', last4: '4242' }],
  cardRemoved: [{ brand: 'visa', last4: '4242' }],
  checkoutCancelled: ['declined'],
  reorderSummary: [
    {
      orderNumber: '482-917',
      placedAt: now,
      lines: [
        { name: 'ZX-1', quantity: 2, status: 'repriced', availableQuantity: 5, pricePaidMinor: 1299, priceNowMinor: 1399 },
        { name: 'ZX-2', quantity: 5, status: 'short', availableQuantity: 3, pricePaidMinor: 500, priceNowMinor: 500 },
        { name: 'ZX-3', quantity: 1, status: 'out-of-stock', availableQuantity: 0, pricePaidMinor: 500, priceNowMinor: null },
      ],
    },
  ],
  orderStatus: [{ orderNumber: '482-917', status: 'shipped', placedAt: now, cancellableUntil: null, tracking: { carrier: 'QX', number: '1Z999' }, now }],
  confirmCancel: ['482-917', 2810],
  orderCancelled: ['482-917'],
  linkCodeIssued: ['4821 9073 1640', 10],
  linkCodeTexted: ['42', 10],
  linkCodeSms: ['4821 9073 1640', 'Q-Shop', 10],
  confirmLinkHere: ['WhatsApp'],
  confirmLinkThere: ['WhatsApp'],
  linkAwaitsConfirmation: ['WhatsApp'],
  handoff: [7],
  handoffAfterHours: ['09:00', 'UTC'],
  handoffWriteBack: ['WhatsApp', 7],
  handoffWriteBackAfterHours: ['WhatsApp', '09:00', 'UTC'],
  giftAskCategory: [['QA', 'QB']],
  giftIdeas: [[{ name: 'ZX-1', priceMinor: 1299 }, { name: 'ZX-2', priceMinor: 2500 }]],
  count: [2, 'ZX-1'],
  carrierHelp: ['Q-Shop'],
};

/** Words of an English sentence that none of the five languages uses as a word of its own. */
const ENGLISH_WORDS = new Set(
  'the your you is please order orders cart basket sorry would with of and what can will have has not this that there here been was from my we our now again any tax delivery total items code back stock when which like send reply say left time minutes before after shall should yes right into more than only tell ask set been still'.split(' '),
);
/** Names and keywords that are the same in every language. */
const UNTRANSLATED = /\b(STOP|START|Alexa|WhatsApp|Messenger|SMS|ZX-\d|Q-Shop|QX|1Z999|qqq|QA|QB|QQ)\b/g;

function englishWords(text: string): string[] {
  return text
    .replace(UNTRANSLATED, ' ')
    .toLowerCase()
    // Split on non-letters of any script: splitting on non-ASCII made "cartão" the English "cart".
    .split(/[^\p{L}']+/u)
    .filter((word) => ENGLISH_WORDS.has(word));
}

/** Every leaf of a bundle by its path ("errors.CART_EMPTY", "labels.add"), rendered for the ear and the eye. */
function rendered(messages: Messages, locale: string): Map<string, string[]> {
  const sayings: Formatter[] = [true, false].map((voice) => formatterFor({ voice, currency: 'USD', locale, timeZone: 'Europe/Warsaw' }));
  const out = new Map<string, string[]>();
  const visit = (value: unknown, path: string[]) => {
    const key = path.join('.');
    if (typeof value === 'string') return out.set(key, [value]);
    if (typeof value === 'function') {
      const args = path.length === 1 ? ((ARGUMENTS as Record<string, unknown[]>)[path[0]!] ?? []) : samplesFor(path);
      const result: unknown = (value as (...a: unknown[]) => unknown)(...args);
      return out.set(key, typeof result === 'function' ? sayings.map((say) => (result as (s: Formatter) => string)(say)) : [String(result)]);
    }
    for (const [child, inner] of Object.entries(value as object)) visit(inner, [...path, child]);
  };
  visit(messages, []);
  return out;
}

function samplesFor(path: string[]): unknown[] {
  const key = path.join('.');
  if (key === 'labels.add') return ['ZX-1'];
  if (key === 'numberedChoices.inline') return [['1 ZX-1', '2 ZX-2']];
  if (key === 'numberedChoices.option') return ['1', 'ZX-1'];
  if (key === 'numberedChoices.more') return [3];
  if (key === 'notifications.orderUpdate') return ['shipped', '482-917'];
  if (key === 'notifications.status') return ['shipped'];
  if (key === 'notifications.tracking') return ['QX 1Z999'];
  if (key === 'notifications.backInStock') return ['Q-Shop', 'ZX-1'];
  if (key === 'notifications.cartReminder') return ['2 ZX-1'];
  if (key === 'notifications.npsQuestion') return ['Q-Shop'];
  if (key === 'notifications.birthday') return ['QQ10'];
  if (key === 'notifications.payHere') return ['482-917', 'https://qq.example/qq'];
  if (key === 'signIn.title' || key === 'signIn.heading') return ['Q-Shop'];
  if (key === 'receipt.subject') return ['Q-Shop', '482-917'];
  if (key === 'receipt.greeting') return ['Dana'];
  if (key === 'receipt.thanks') return ['482-917', 'Q-Shop'];
  if (key === 'receipt.cancelUntil') return ['2026-03-10T12:30:00.000Z'];
  if (key === 'receipt.soldBy') return ['Q-Shop'];
  return [];
}

function paths(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => paths(inner, prefix ? `${prefix}.${key}` : key));
}

describe('locale bundles (issue 21)', () => {
  const reference = rendered(messagesFor('en-US'), 'en-US');

  it('has every shopper-facing string of en-US in every locale, and nothing else', () => {
    const expected = paths(MESSAGE_LOCALES['en-US']).sort();
    for (const [locale, messages] of Object.entries(MESSAGE_LOCALES)) {
      const actual = paths(messages).sort();
      assert.deepEqual(
        { locale, missing: expected.filter((path) => !actual.includes(path)), extra: actual.filter((path) => !expected.includes(path)) },
        { locale, missing: [], extra: [] },
      );
      for (const path of actual) {
        const leaf = path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages);
        if (typeof leaf === 'function' && leaf.length > 0 && path.indexOf('.') === -1) assert.ok(path in ARGUMENTS, `give ${path} sample arguments in this test`);
      }
    }
  });

  for (const locale of NON_ENGLISH) {
    it(`${locale}: no reply, error, label, notification, receipt or sign-in word is an English sentence or a copy of en-US`, () => {
      const leaks: string[] = [];
      for (const [path, texts] of rendered(messagesFor(locale), locale)) {
        texts.forEach((text, index) => {
          const english = englishWords(text);
          if (english.length >= 2) leaks.push(`${path}: ${JSON.stringify(text)} has English words ${english.join(', ')}`);
          if (text.length > 12 && text === reference.get(path)?.[index]) leaks.push(`${path}: the same as en-US: ${JSON.stringify(text)}`);
        });
      }
      assert.deepEqual(leaks, []);
    });
  }

  it('catches an English sentence left in a bundle', () => {
    assert.deepEqual(englishWords('Obrigado! Your cart is empty.'), ['your', 'cart', 'is']);
    assert.deepEqual(englishWords('Responda STOP a qualquer momento, na Alexa ou no WhatsApp.'), []);
    assert.deepEqual(englishWords('Se ele não chegar, escreva "adicionar um cartão" no seu cartão.'), []);
  });

  it('says counts with the case a numeral governs: Polish 1 sztuka / 2 sztuki / 5 sztuk / 22 sztuki, Romanian 20 de bucăți', () => {
    const polish = messagesFor('pl-PL');
    assert.deepEqual(
      [1, 2, 5, 12, 22].map((n) => polish.count(n, 'Kawa kolumbijska')),
      ['Kawa kolumbijska: 1 sztuka', 'Kawa kolumbijska: 2 sztuki', 'Kawa kolumbijska: 5 sztuk', 'Kawa kolumbijska: 12 sztuk', 'Kawa kolumbijska: 22 sztuki'],
    );
    const romanian = messagesFor('ro-RO');
    assert.deepEqual([1, 2, 19, 20].map((n) => romanian.count(n, 'cafea')), ['1 bucată de cafea', '2 bucăți de cafea', '19 bucăți de cafea', '20 de bucăți de cafea']);
    const say = formatterFor({ voice: false, currency: 'USD', locale: 'pl-PL', timeZone: 'UTC' });
    assert.match(polish.voiceCodeWrong(1)(say), /Została Ci 1 próba\./);
    assert.match(polish.voiceCodeWrong(2)(say), /Zostały Ci 2 próby\./);
    assert.match(polish.orderPlaced({ orderNumber: '482-917', totalMinor: 100, windowMinutes: 5, receiptEmailed: false })(say), /w ciągu 5 minut\.$/);
    assert.match(romanian.orderPlaced({ orderNumber: '482-917', totalMinor: 100, windowMinutes: 30, receiptEmailed: false })(say), /în 30 de minute\.$/);
    // One minute left (a yes that found its order placed moments before, elsewhere) is one minute, in every language.
    const oneMinuteLeft = { orderNumber: '482-917', totalMinor: 100, windowMinutes: 1, receiptEmailed: false };
    const locales = Object.keys(MESSAGE_LOCALES);
    const endings = locales.map((locale) => messagesFor(locale).orderPlaced(oneMinuteLeft)(formatterFor({ voice: false, currency: 'USD', locale, timeZone: 'UTC' })).split(/[,，] /).at(-1)!.slice(-24));
    assert.deepEqual(
      endings.map((ending) => /\b1 (minute|minuto|minuty|minut)\b\.$|1 分钟内取消。$/u.test(ending)),
      locales.map(() => true),
      endings.join(' | '),
    );
  });

  it('formats money with Intl in each locale, and says it with the currency named in the language', () => {
    const text = (locale: string) => formatterFor({ voice: false, currency: 'EUR', locale, timeZone: 'UTC' }).money(123450);
    const voice = (locale: string) => formatterFor({ voice: true, currency: 'EUR', locale, timeZone: 'UTC' }).money(1250);
    assert.deepEqual(NON_ENGLISH.map(text), NON_ENGLISH.map((locale) => new Intl.NumberFormat(locale, { style: 'currency', currency: 'EUR' }).format(1234.5)));
    assert.equal(voice('pt-BR'), '12,50 Euros');
    assert.equal(voice('it-IT'), '12,50 euro');
    assert.equal(voice('pl-PL'), '12,50 euro');
    assert.equal(voice('en-US'), '12 euros and 50 cents');
  });

  it('dates "the order from last Tuesday" in the language', () => {
    const tuesday = new Date('2026-03-03T12:00:00Z');
    const date = (locale: string) => formatterFor({ voice: false, currency: 'USD', locale, timeZone: 'UTC' }).date(tuesday);
    assert.deepEqual(NON_ENGLISH.map(date), ['terça-feira, 3 de março', 'martedì 3 marzo', '3月3日星期二', 'wtorek, 3 marca', 'marți, 3 martie']);
    // And understood when said: on Thursday 5 March, "last Tuesday" in each language is the 3rd.
    const thursday = new Date('2026-03-05T12:00:00Z');
    for (const said of ['o pedido de terça-feira passada', "l'ordine di martedì scorso", '上周二的订单', 'zamówienie z zeszłego wtorku', 'comanda de marțea trecută']) {
      assert.deepEqual(parsePastDate(said, thursday, 'UTC'), { year: 2026, month: 3, day: 3 }, said);
    }
    assert.deepEqual(parsePastDate('o pedido de ontem', thursday, 'UTC'), { year: 2026, month: 3, day: 4 });
  });

  it('sends notifications and the sign-in page in the customer language', () => {
    const facts = { sellerName: 'Q-Shop', orderNumber: '482-917', status: 'shipped' as const, tracking: { carrier: 'DHL', number: '1Z999' } };
    assert.equal(orderUpdateText(facts, 'pt-BR'), 'Q-Shop: seu pedido 482-917 está a caminho. Rastreio: DHL 1Z999');
    assert.equal(orderUpdateText(facts, 'zh-CN'), 'Q-Shop: 您的订单 482-917 正在配送。 物流单号：DHL 1Z999');
    assert.deepEqual(orderUpdateParameters(facts, 'it-IT'), ['482-917', 'in viaggio', 'Tracciamento: DHL 1Z999']);
    assert.deepEqual(orderUpdateParameters(facts, 'en-US'), ['482-917', 'shipped', 'Tracking: DHL 1Z999']);
    assert.equal(backInStockText('Q-Shop', 'Herbata zielona', 'pl-PL'), 'Q-Shop: dobra wiadomość, Herbata zielona jest znowu na stanie. Odpowiedz, aby zamówić.');
    const page = renderSignInPage({ sellerName: 'Q-Shop', locale: 'ro-RO', action: '/a', cancelAction: '/c' });
    assert.match(page, /<html lang="ro-RO">/);
    assert.match(page, /<h1>Conectează-ți contul Q-Shop la Alexa<\/h1>/);
  });
});
