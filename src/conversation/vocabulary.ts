import { NUMBER_WORDS } from '../core/number-words';
import type { IntentName, Slots } from './turn';
import { OTHER_LANGUAGE_SAMPLES, OTHER_LANGUAGE_WORDS, OTHER_LANGUAGES, VOICE_MODEL_PROMPTS, type OtherLanguage } from './vocabulary-languages';

/**
 * The one intent vocabulary: for every neutral intent, the platform intents that carry it ("senses"),
 * their slots, and what shoppers say, per locale. Three things are generated from it, so they cannot
 * drift apart: the typed-text understanding (`vocabulary-text.ts` compiles every sample into a matcher),
 * the Alexa interaction models and the Dialogflow agent (`npm run cli -- build-models`).
 *
 * Samples follow Amazon's rules (the strictest of the platforms): lowercase words, numbers spelled
 * out, no punctuation but apostrophes and the periods of spoken initialisms, slots written
 * `{slotName}` with spaces around them, and no utterance in two senses.
 *
 * A locale is a key: adding a language means adding it to VOCABULARY_LOCALES, its words to
 * LOCALE_WORDS and INVOCATION_NAMES, and its samples to every sense (the compiler insists).
 */

export const ENGLISH_LOCALES = ['en-US', 'en-GB'] as const;
export type EnglishLocale = (typeof ENGLISH_LOCALES)[number];
/** The locales with an Alexa interaction model. The Dialogflow agent speaks English and every other vocabulary language (`AGENT_LANGUAGES` in channels/google/agent.ts). */
export const MODEL_LOCALES = [...ENGLISH_LOCALES, 'pt-BR', 'it-IT'] as const;
export type ModelLocale = (typeof MODEL_LOCALES)[number];

/** Every locale whose samples typed text is understood in: the model locales and `vocabulary-languages.ts`. */
export const VOCABULARY_LOCALES = [...ENGLISH_LOCALES, ...OTHER_LANGUAGES] as const;
export type VocabularyLocale = ModelLocale | OtherLanguage;

/** What shoppers say after "Alexa, open ...": two words, no launch phrases, wake words or connecting words. */
export const INVOCATION_NAMES: Record<ModelLocale, string> = {
  'en-US': 'corner market',
  'en-GB': 'corner market',
  'pt-BR': 'mercado da esquina',
  'it-IT': 'mercato di quartiere',
};

export interface LocaleWords {
  /** What `CART` in a sample template is in this locale. */
  cart: string[];
  /** Number words a typed `{quantity}`, `{age}` or `{budget}` may be written as (digits always work): the language's table in `core/number-words.ts`, which the catalogue matcher reads too. */
  numbers: Readonly<Record<string, number>>;
  /** Measure words a number may carry (Chinese "两袋": two bags): part of the number, not the product. */
  counters?: readonly string[];
  /** How a bare answer to "which product?" is said, `{SLOT}` for the slot (a voice model's slot samples). */
  slotAnswers?: string[];
}

const ENGLISH_SLOT_ANSWERS = ['{SLOT}', 'the {SLOT}', 'some {SLOT}', 'just {SLOT}', '{SLOT} please'];

export const LOCALE_WORDS: Record<VocabularyLocale, LocaleWords> = {
  'en-US': { cart: ['cart'], numbers: NUMBER_WORDS.en, slotAnswers: ENGLISH_SLOT_ANSWERS },
  'en-GB': { cart: ['basket', 'trolley'], numbers: NUMBER_WORDS.en, slotAnswers: ENGLISH_SLOT_ANSWERS },
  ...OTHER_LANGUAGE_WORDS,
};

export type SlotType = 'PRODUCT' | 'CATEGORY' | 'AMAZON.NUMBER' | 'AMAZON.FOUR_DIGIT_NUMBER' | 'AMAZON.DATE' | 'AMAZON.SearchQuery';

export interface SlotDefinition {
  name: string;
  type: SlotType;
  /** Which neutral slot it fills. */
  maps: keyof Slots;
}

/** One platform intent carrying a neutral intent, e.g. ProductQuestion asked about the price. */
export interface Sense {
  /** The Alexa intent: a custom name ('AddToCartIntent') or Amazon's built-in ('AMAZON.YesIntent'), whose samples Alexa is not sent. */
  alexa: string;
  /** The Dialogflow intent, when not the Alexa name (Dialogflow has no built-ins). */
  dialogflow?: string;
  /** Slot values implied by the sense itself, e.g. { question: 'price' }. */
  fixed?: Partial<Slots>;
  slots: SlotDefinition[];
  samples: Record<EnglishLocale, string[]>;
  /** Slots the Alexa dialog model elicits, with prompts per locale (at least 2 variations each; other languages' in `vocabulary-languages.ts`). */
  elicit?: { slot: string; prompts: Record<EnglishLocale, string[]> }[];
  /** In the Alexa dialog model without eliciting: the skill confirms it from code (Dialog.ConfirmIntent). */
  inDialog?: boolean;
}

/** A sense with the neutral intent it carries: what the generators and the adapters read. */
export interface IntentDefinition extends Sense {
  /** The English samples, and those of `vocabulary-languages.ts` (none where it has no entry for the sense). */
  samples: Record<VocabularyLocale, string[]>;
  elicit?: { slot: string; prompts: Record<ModelLocale, string[]> }[];
  neutral: IntentName;
  /** An Amazon built-in intent: Alexa trains it, so the model lists it without samples. */
  builtIn: boolean;
}

/**
 * The English samples of a sense: `common` in both locales, each `withCart` template once per cart word
 * of the locale ("cart" for American shoppers, "basket" and "trolley" for British ones), and `only` per locale.
 * Another language joins a sense as its own key beside these: `samples: { ...english(...), 'pt-BR': [...] }`.
 */
function english(common: string[], withCart: string[] = [], only: Partial<Record<'en-US' | 'en-GB', string[]>> = {}): Record<'en-US' | 'en-GB', string[]> {
  const build = (locale: 'en-US' | 'en-GB'): string[] => {
    const expanded = withCart.flatMap((template) => LOCALE_WORDS[locale].cart.map((word) => template.replaceAll('CART', word)));
    return [...new Set([...common, ...expanded, ...(only[locale] ?? [])])];
  };
  return { 'en-US': build('en-US'), 'en-GB': build('en-GB') };
}

const NO_SAMPLES = Object.fromEntries(ENGLISH_LOCALES.map((locale) => [locale, []])) as unknown as Record<EnglishLocale, string[]>;
const NO_OTHER_SAMPLES = Object.fromEntries(OTHER_LANGUAGES.map((locale) => [locale, []])) as unknown as Record<OtherLanguage, string[]>;

const product: SlotDefinition = { name: 'product', type: 'PRODUCT', maps: 'product' };
const quantity: SlotDefinition = { name: 'quantity', type: 'AMAZON.NUMBER', maps: 'quantity' };
/** Order numbers are six digits ("four eight two nine one seven"); AMAZON.NUMBER gives "482917", which `parseOrderNumber` reads. */
const orderNumber: SlotDefinition = { name: 'orderNumber', type: 'AMAZON.NUMBER', maps: 'orderNumber' };

/** Every neutral intent, with the senses that carry it; an intent with none is never said (a tap, silence). */
export const VOCABULARY: Record<IntentName, Sense[]> = {
  Launch: [
    {
      alexa: 'AMAZON.NavigateHomeIntent',
      dialogflow: 'Default Welcome Intent',
      slots: [],
      samples: english(['hi', 'hello', 'hey', 'start', 'start over', 'main menu', 'menu', 'go home', 'back to the bot', 'back to bot', 'bot'], [], {
        'en-US': [`talk to ${INVOCATION_NAMES['en-US']}`],
        'en-GB': [`talk to ${INVOCATION_NAMES['en-GB']}`],
      }),
    },
  ],
  Browse: [
    {
      alexa: 'BrowseIntent',
      slots: [product],
      samples: english(
        [
          'show me {product}',
          'show me your {product}',
          'show {product}',
          'find {product}',
          'find me some {product}',
          'search for {product}',
          'search {product}',
          'look for {product}',
          'look up {product}',
          'browse {product}',
          'i want to browse {product}',
          "i'm looking for {product}",
          'i am looking for {product}',
          'what {product} do you have',
          'what kinds of {product} do you have',
          'what {product} do you sell',
          'list {product}',
          'let me see {product}',
          'what are my options for {product}',
        ],
        [],
        {
          'en-US': ['what {product} do you carry', 'what kind of {product} do you stock'],
          'en-GB': ['have a look for {product}', 'what {product} do you stock', 'can i see your range of {product}'],
        },
      ),
    },
  ],
  ProductQuestion: [
    {
      alexa: 'ProductPriceIntent',
      fixed: { question: 'price' },
      slots: [product],
      samples: english([
        'how much is {product}',
        'how much are {product}',
        'how much does {product} cost',
        'how much do {product} cost',
        "what's the price of {product}",
        'what is the price of {product}',
        'price of {product}',
        'the price for {product}',
        'what does {product} cost',
        'what do {product} cost',
        'how much for {product}',
        "what's the cost of {product}",
        'tell me the price of {product}',
        'give me the price of {product}',
        'how expensive is {product}',
        'how expensive are {product}',
        'what price is {product}',
        'what are you charging for {product}',
      ]),
    },
    {
      alexa: 'ProductStockIntent',
      fixed: { question: 'stock' },
      slots: [product],
      samples: english(
        [
          'is {product} in stock',
          'are {product} in stock',
          'do you have {product}',
          'do you have any {product}',
          'do you have {product} in stock',
          'do you sell {product}',
          'is {product} available',
          'are {product} available',
          'is there any {product} left',
          'are there any {product} left',
          'any {product} in stock',
          'is {product} out of stock',
          'are {product} out of stock',
          'is {product} sold out',
          'are {product} sold out',
          'check stock for {product}',
          'check if {product} is in stock',
        ],
        [],
        {
          'en-US': ['do you carry {product}', 'got any {product}'],
          'en-GB': ['have you got {product}', 'have you got any {product}', 'have you got {product} in stock'],
        },
      ),
    },
    {
      alexa: 'ProductInfoIntent',
      fixed: { question: 'description' },
      slots: [product],
      samples: english([
        'tell me about {product}',
        'tell me more about {product}',
        'tell me what {product} is',
        'what is {product}',
        'what are {product}',
        "what's {product}",
        'describe {product}',
        'describe the {product}',
        'more about {product}',
        'details about {product}',
        'give me details on {product}',
        'what can you tell me about {product}',
        'more information about {product}',
        'information on {product}',
        'give me a description of {product}',
        'what comes with {product}',
        'i want to know more about {product}',
      ]),
    },
    {
      alexa: 'ProductReviewsIntent',
      fixed: { question: 'rating' },
      slots: [product],
      samples: english([
        'is {product} any good',
        'are {product} any good',
        'is {product} good',
        'are {product} good',
        'reviews of {product}',
        'reviews for {product}',
        'review of {product}',
        'rating of {product}',
        'what are the reviews for {product}',
        'read me the reviews for {product}',
        'how is {product} rated',
        'how are {product} rated',
        "what's the rating of {product}",
        'what is the rating for {product}',
        'rating for {product}',
        'how many stars does {product} have',
        'what do people say about {product}',
        'what do customers think of {product}',
        'is {product} worth buying',
        'do people like {product}',
      ]),
    },
  ],
  StockAlert: [
    {
      alexa: 'StockAlertIntent',
      slots: [product],
      samples: english([
        "tell me when it's back",
        'tell me when it is back',
        "let me know when it's back",
        // Typed without the apostrophe, as people do in chat.
        'tell me when its back',
        'let me know when its back',
        "let me know when it's back in stock",
        'notify me when it is back in stock',
        'alert me when it is back',
        'tell me when {product} is back',
        'tell me when {product} is back in stock',
        'let me know when {product} is back in stock',
        'let me know when {product} is available',
        'notify me when {product} is available',
        'notify me when {product} is back in stock',
        'alert me when {product} is back in stock',
        'i want a back in stock alert for {product}',
        'can you tell me when {product} is back',
        'ping me when {product} is back in stock',
        'message me when {product} comes back',
        'tell me when you have {product} again',
        'let me know when you get more {product}',
        'tell me when you restock {product}',
      ]),
    },
  ],
  AddToCart: [
    {
      alexa: 'AddToCartIntent',
      slots: [product, quantity],
      samples: english(
        [
          'add {product}',
          'add {quantity} {product}',
          'add another {product}',
          'i want {product}',
          'i want {quantity} {product}',
          "i'd like {product}",
          "i'd like {quantity} {product}",
          'i would like {quantity} {product}',
          'i need {product}',
          'i need {quantity} {product}',
          'buy {product}',
          'buy {quantity} {product}',
          'order {product}',
          'order {quantity} {product}',
          'get me {product}',
          'get me {quantity} {product}',
          'can i get {product}',
          'can i have {quantity} {product}',
          'can i have {product}',
          'can i get {quantity} {product}',
          'could i get {product}',
          'could i have {product}',
          'i would like {product}',
          "i'll take {product}",
          "i'll take {quantity} {product}",
          '{quantity} {product} please',
          'i want to add something',
        ],
        [
          'add {product} to my CART',
          'add {product} to the CART',
          'add {quantity} {product} to my CART',
          'put {product} in my CART',
          'put {quantity} {product} in my CART',
          'put {product} in the CART',
          'add to my CART',
          'add something to my CART',
        ],
        {
          'en-US': ['throw {product} in my cart'],
          'en-GB': ['pop {product} in my basket', 'pop {quantity} {product} in my trolley'],
        },
      ),
      elicit: [
        {
          slot: 'product',
          prompts: {
            'en-US': ['Which product would you like to add?', 'What would you like to add to your cart?', 'What should I put in your cart?'],
            'en-GB': ['Which product would you like to add?', 'What would you like to add to your basket?', 'What shall I put in your basket?'],
          },
        },
      ],
    },
  ],
  RemoveFromCart: [
    {
      alexa: 'RemoveFromCartIntent',
      slots: [product, quantity],
      samples: english(
        [
          'remove {product}',
          'remove the {product}',
          'remove {quantity} {product}',
          'delete {product}',
          'drop {product}',
          'drop {quantity} {product}',
          'take out {product}',
          'take off {product}',
          'take away {product}',
          'get rid of {product}',
          "i don't want {product}",
          "i don't want {product} anymore",
          "i don't need {product}",
          'i changed my mind about {product}',
        ],
        ['remove {product} from my CART', 'remove {quantity} {product} from my CART', 'delete {product} from my CART', 'take {product} out of my CART', 'take {quantity} {product} out of my CART'],
      ),
    },
  ],
  ViewCart: [
    {
      alexa: 'ViewCartIntent',
      slots: [],
      samples: english(
        ['what have i added', 'what did i add so far', 'what have i got so far'],
        [
          "what's in my CART",
          'what is in my CART',
          "what's in the CART",
          'what do i have in my CART',
          'show my CART',
          'show me my CART',
          'show CART',
          'see my CART',
          'view my CART',
          'view CART',
          'my CART',
          'CART',
          'open my CART',
          'read my CART',
          'read back my CART',
          'check my CART',
          'review my CART',
          'list my CART',
          'go to my CART',
          "what's my CART total",
        ],
        { 'en-GB': ["what's in my shopping basket", "what have i got in my trolley"] },
      ),
    },
  ],
  Checkout: [
    {
      alexa: 'CheckoutIntent',
      inDialog: true,
      slots: [],
      samples: english(
        [
          'check out',
          'checkout',
          "let's check out",
          'i want to check out',
          "i'm ready to check out",
          'proceed to checkout',
          'go to checkout',
          'place my order',
          'place the order',
          'submit my order',
          'complete my order',
          'complete my purchase',
          'finish my order',
          'pay for my order',
          'pay now',
          'pay',
          'finish',
          'complete order',
          'buy now',
          "that's everything",
        ],
        ['buy everything in my CART', 'purchase my CART'],
        { 'en-US': ["i'm done shopping"], 'en-GB': ["i've finished my shopping", 'pay for my shopping'] },
      ),
    },
  ],
  Reorder: [
    {
      alexa: 'ReorderIntent',
      slots: [orderNumber, { name: 'date', type: 'AMAZON.DATE', maps: 'date' }],
      samples: english(
        [
          'reorder',
          'reorder my last order',
          "i'd like to reorder",
          'order again',
          'order the same thing again',
          'order the same as last time',
          'repeat my last order',
          'buy my last order again',
          'do my last order again',
          'buy again',
          'buy it again',
          'same order again',
          'the same thing as last time',
          'reorder order {orderNumber}',
          'reorder order number {orderNumber}',
          'repeat order number {orderNumber}',
          'order number {orderNumber} again',
          'reorder what i bought on {date}',
          'reorder my order from {date}',
          'reorder my {date} order',
          'repeat the order from {date}',
          'order what i got on {date} again',
          'buy the same things as {date}',
        ],
        [],
        { 'en-GB': ['same again', 'repeat my last shop', 'do my shop from {date} again'] },
      ),
    },
    {
      alexa: 'ReorderUsualIntent',
      fixed: { reorderOf: 'usual' },
      slots: [],
      samples: english(
        [
          'the usual',
          'the usual please',
          'my usual',
          'my usual order',
          'usual order please',
          'order the usual',
          'order my usual',
          'order my usual stuff',
          'reorder the usual',
          'reorder my usual',
          'reorder my usual order',
          'get me the usual',
          "i'll have the usual",
          'i want my usual',
          'send me my usual',
          'place my usual order',
          'buy my usual',
          'my regular order',
          'order my regular groceries',
          'get my usual groceries',
        ],
        [],
        { 'en-GB': ['my usual shop', 'do my usual shop', 'order my usual shopping'] },
      ),
    },
  ],
  OrderStatus: [
    {
      alexa: 'OrderStatusIntent',
      slots: [orderNumber],
      samples: english(
        [
          "where's my order",
          'where is my order',
          'order status',
          "what's the status of my order",
          "what's happening with my order",
          'track my order',
          'order tracking',
          'track my delivery',
          'track order {orderNumber}',
          'track order number {orderNumber}',
          'where is order {orderNumber}',
          'status of order {orderNumber}',
          "what's the status of order {orderNumber}",
          'check on my order',
          'check on order number {orderNumber}',
          'when will my order arrive',
          'when is my order coming',
          'when does order {orderNumber} arrive',
          'has my order shipped',
          'has my order been delivered',
          'is my order on its way',
          "where's my delivery",
        ],
        [],
        { 'en-GB': ['has my order been dispatched', 'when will my shopping arrive', "where's my shopping"] },
      ),
    },
  ],
  CancelOrder: [
    {
      alexa: 'CancelOrderIntent',
      slots: [orderNumber],
      samples: english(
        [
          'cancel my order',
          'cancel my last order',
          'cancel my recent order',
          'cancel the order',
          'cancel the order i just placed',
          'cancel order {orderNumber}',
          'cancel order number {orderNumber}',
          'cancel the order number {orderNumber}',
          'i want to cancel my order',
          'i want to cancel order {orderNumber}',
          'please cancel my order',
          'call off my order',
          "i don't want my order anymore",
          'undo my order',
          'undo my last order',
          'cancel my delivery',
          "don't send my order",
        ],
        [],
        { 'en-GB': ['scrap my order', 'cancel my shop'] },
      ),
    },
  ],
  ApplyDiscount: [
    {
      alexa: 'ApplyDiscountIntent',
      // Codes are the shop's own words ("spring ten"): a search query after a carrier phrase, as Alexa requires of that type.
      slots: [{ name: 'discountCode', type: 'AMAZON.SearchQuery', maps: 'discountCode' }],
      samples: english([
        'apply code {discountCode}',
        'apply discount code {discountCode}',
        'apply the discount code {discountCode}',
        'apply promo code {discountCode}',
        'apply coupon {discountCode}',
        'use discount code {discountCode}',
        'use promo code {discountCode}',
        'use coupon {discountCode}',
        'i have a discount code {discountCode}',
        'i have a promo code {discountCode}',
        'my discount code is {discountCode}',
        'discount code {discountCode}',
        'promo code {discountCode}',
        'coupon code {discountCode}',
        'redeem code {discountCode}',
        'redeem discount code {discountCode}',
        'redeem coupon {discountCode}',
        'add discount code {discountCode}',
      ]),
    },
  ],
  VoiceCode: [
    {
      alexa: 'VoiceCodeIntent',
      slots: [{ name: 'code', type: 'AMAZON.FOUR_DIGIT_NUMBER', maps: 'code' }],
      // The guard asks for the code with Dialog.ElicitSlot on this slot, so the answer lands in it.
      elicit: [
        {
          slot: 'code',
          prompts: {
            'en-US': ['Please say your four-digit voice code.', 'What is your voice code?'],
            'en-GB': ['Please say your four-digit voice code.', 'What is your voice code?'],
          },
        },
      ],
      samples: english([
        '{code}',
        'my code is {code}',
        "it's {code}",
        'it is {code}',
        'the code is {code}',
        "the code's {code}",
        'code {code}',
        'my voice code is {code}',
        'voice code {code}',
        'my pin is {code}',
        'pin {code}',
      ]),
    },
  ],
  AddCard: [
    {
      alexa: 'AddCardIntent',
      slots: [],
      samples: english(['add a card', 'add my card', 'save a card', 'save my card', 'add a payment card', 'add a credit card', 'add a debit card', 'i want to add a card', 'set up a card', 'change my card', 'use a new card', 'add a payment method', 'add a new card', 'save my payment card', 'i want to save a card', 'put a card on file', 'register a card']),
    },
  ],
  RemoveCard: [
    {
      alexa: 'RemoveCardIntent',
      slots: [],
      samples: english(['remove my card', 'delete my card', 'forget my card', 'remove my saved card', 'delete my saved card', 'remove my payment card', 'remove my credit card', 'i want to remove my card', 'stop using my card', 'delete my payment card', 'remove the card', 'delete the saved card', 'take my card off', 'forget my saved card', 'remove my debit card', 'delete my credit card']),
    },
  ],
  WhichCard: [
    {
      alexa: 'WhichCardIntent',
      slots: [],
      samples: english(['which card do you have', 'which card is saved', 'what card do you have', 'what card is on file', 'which card will you charge', 'which card do i have', 'what card am i using', 'show my card', 'my saved card', 'which card is on file', 'what card did i save', 'which payment card do you have', 'tell me my card', 'what card will you use', 'which card are you using', 'what is my saved card']),
    },
  ],
  SetVoiceCode: [
    {
      alexa: 'SetVoiceCodeIntent',
      // No code slot: a code said aloud could be overheard, so setting one is refused by voice anyway.
      slots: [],
      samples: english([
        'set my voice code',
        'set a voice code',
        'set up a voice code',
        'create a voice code',
        'change my voice code',
        'reset my voice code',
        'update my voice code',
        'new voice code',
        'i want a new voice code',
        'i forgot my voice code',
        'change my pin',
        'set my pin',
        'change my passcode',
        'set a passcode',
      ]),
    },
  ],
  LinkAccount: [
    {
      alexa: 'LinkAccountIntent',
      slots: [],
      samples: english([
        'link my account',
        'link account',
        'i want to link my account',
        'connect my account',
        'connect account',
        'connect my store account',
        'sign in',
        'sign me in',
        'log in',
        'log into my account',
        'link code',
        'i have a link code',
      ]),
    },
  ],
  Consent: [
    {
      alexa: 'OptOutIntent',
      fixed: { consent: 'opt-out', consentScope: 'marketing' },
      slots: [],
      samples: english([
        'stop sending me offers',
        'stop marketing messages',
        'stop sending me marketing messages',
        'no more offers',
        'unsubscribe',
        'unsubscribe me',
        'i want to unsubscribe',
        'unsubscribe me from offers',
        'unsubscribe me from marketing',
        'stop sending me promotions',
        'no more promotions',
        'opt out',
        'opt me out',
        'take me off your list',
        'remove me from your mailing list',
        'cancel my subscription',
      ]),
    },
    {
      alexa: 'OptInIntent',
      fixed: { consent: 'opt-in', consentScope: 'marketing' },
      slots: [],
      samples: english([
        'subscribe',
        'subscribe me',
        'opt in',
        'opt me in',
        'sign me up',
        'sign me up for offers',
        'send me offers',
        'start sending me offers',
        'i want to get offers',
        'send me deals',
        'i want to hear about deals',
        'tell me about special offers',
      ]),
    },
    {
      alexa: 'StopMessagesIntent',
      fixed: { consent: 'opt-out', consentScope: 'messages' },
      slots: [],
      samples: english(
        [
          'stop sending me messages',
          'stop notifications',
          'stop all notifications',
          'stop sending me notifications',
          'stop sending me order updates',
          'stop messaging me',
          "don't send me messages",
          "don't message me anymore",
          "i don't want any more messages",
          "i don't want any more notifications",
          'no more messages',
          'no more notifications',
          'turn off notifications',
          'turn off messages',
        ],
        [],
        { 'en-US': ['stop texting me'], 'en-GB': ['stop sending me texts'] },
      ),
    },
    {
      alexa: 'StartMessagesIntent',
      fixed: { consent: 'opt-in', consentScope: 'messages' },
      slots: [],
      samples: english([
        'start sending me messages',
        'start sending me messages again',
        'send me messages',
        'send me messages again',
        'send me order updates',
        'send me notifications',
        'turn on notifications',
        'turn notifications back on',
        'turn on messages',
        'resume notifications',
        'resume messages',
        'start notifications',
        'resume order updates',
        'start sending me order updates',
        'turn messages back on',
        'i want notifications again',
      ]),
    },
  ],
  Handoff: [
    {
      alexa: 'HandoffIntent',
      slots: [],
      samples: english(
        [
          'talk to a person',
          'speak to a person',
          'talk to a human',
          'i need a human',
          'speak to someone',
          'i want to talk to someone',
          'connect me to a real person',
          'talk to an agent',
          'get me an agent',
          'speak to a representative',
          'customer service',
          'talk to someone real',
          'speak to customer service',
        ],
        [],
        { 'en-US': ['talk to customer support'], 'en-GB': ['speak to a member of staff', 'put me through to someone'] },
      ),
    },
  ],
  GiftFinder: [
    {
      alexa: 'GiftFinderIntent',
      slots: [
        { name: 'age', type: 'AMAZON.NUMBER', maps: 'age' },
        { name: 'category', type: 'CATEGORY', maps: 'category' },
        // Said in whole dollars or pounds ("under twenty dollars"): the adapter converts to minor units (x 100).
        { name: 'budget', type: 'AMAZON.NUMBER', maps: 'budgetMinor' },
      ],
      samples: english(
        [
          'help me find a gift',
          'find a gift',
          'suggest a gift',
          'gift ideas',
          'i need a gift',
          'i need a present',
          'i need a birthday present',
          'birthday present ideas',
          'christmas gift ideas',
          'gift ideas for a {age} year old',
          'a gift for a {age} year old',
          'present for a {age} year old',
          'what should i get a {age} year old',
          "what's a good gift for a {age} year old",
          'gift for a {age} year old who likes {category}',
          'find me a {category} gift for a {age} year old',
          'gift ideas in {category}',
          'suggest a {category} gift',
          'something in {category}',
          'they are {age} years old',
          '{age} years old',
          'a budget of {budget}',
        ],
        [],
        {
          'en-US': ['gift ideas under {budget} dollars', 'a present under {budget} dollars', 'a gift for a {age} year old under {budget} dollars', 'about {budget} dollars'],
          'en-GB': ['present ideas', 'help me choose a present', 'what should i buy a {age} year old', 'gift ideas under {budget} pounds', 'a present under {budget} pounds', 'a gift for a {age} year old under {budget} pounds', 'about {budget} pounds'],
        },
      ),
    },
  ],
  Help: [{ alexa: 'AMAZON.HelpIntent', dialogflow: 'HelpIntent', slots: [], samples: english(['help', 'help me', 'what can i do', 'what can you do', 'how does this work', 'what can i say']) }],
  Stop: [
    { alexa: 'AMAZON.StopIntent', dialogflow: 'StopIntent', slots: [], samples: english(['stop', 'exit', 'quit', 'goodbye', 'bye', "that's all", 'that is all']) },
    // Stop and cancel mean the same to the conversation: one Dialogflow intent hears both.
    { alexa: 'AMAZON.CancelIntent', dialogflow: 'StopIntent', slots: [], samples: english(['cancel', 'never mind', 'nevermind', 'forget it']) },
  ],
  Fallback: [{ alexa: 'AMAZON.FallbackIntent', dialogflow: 'Default Fallback Intent', slots: [], samples: NO_SAMPLES }],
  Yes: [
    {
      alexa: 'AMAZON.YesIntent',
      dialogflow: 'YesIntent',
      slots: [],
      samples: english(['yes', 'yeah', 'yep', 'yup', 'y', 'sure', 'okay', 'ok', 'yes please', 'go ahead', 'do it', 'place it', 'please do', 'correct', 'confirm', "that's right"]),
    },
  ],
  No: [{ alexa: 'AMAZON.NoIntent', dialogflow: 'NoIntent', slots: [], samples: english(['no', 'nope', 'nah', 'n', 'no thanks', 'no thank you', 'not now', "don't", 'do not']) }],
  // A tap on an offered choice, and the end of a voice session: never said.
  Select: [],
  Silence: [],
};

/** Every sense, with its neutral intent, in table order. */
export const INTENT_DEFINITIONS: IntentDefinition[] = (Object.entries(VOCABULARY) as [IntentName, Sense[]][]).flatMap(([neutral, senses]) =>
  senses.map((sense) => ({
    ...sense,
    samples: { ...sense.samples, ...(OTHER_LANGUAGE_SAMPLES[sense.alexa] ?? NO_OTHER_SAMPLES) },
    elicit: sense.elicit?.map((rule) => ({ ...rule, prompts: { ...rule.prompts, ...VOICE_MODEL_PROMPTS[`${sense.alexa}.${rule.slot}`]! } })),
    neutral,
    builtIn: sense.alexa.startsWith('AMAZON.'),
  })),
);

const BY_ALEXA_NAME = new Map(INTENT_DEFINITIONS.map((definition) => [definition.alexa, definition]));

/** The neutral intent and slots for an Alexa intent name, or null. */
export function neutralIntentFor(alexaIntentName: string): IntentDefinition | null {
  return BY_ALEXA_NAME.get(alexaIntentName) ?? null;
}

/** Every Alexa intent name the vocabulary gives a meaning to. */
export function mappedAlexaIntentNames(): string[] {
  return [...BY_ALEXA_NAME.keys()];
}

/** The vocabulary locale for a turn's locale: itself, else the first of the same language, else the first. */
export function vocabularyLocale(locale: string | undefined): VocabularyLocale {
  const exact = VOCABULARY_LOCALES.find((candidate) => candidate.toLowerCase() === (locale ?? '').toLowerCase());
  if (exact) return exact;
  const language = (locale ?? '').split('-')[0]!.toLowerCase();
  return VOCABULARY_LOCALES.find((candidate) => candidate.split('-')[0]!.toLowerCase() === language) ?? VOCABULARY_LOCALES[0];
}
