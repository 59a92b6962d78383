import type { IntentName, Slots } from './turn';

/**
 * The channel-neutral language model: which intents a voice platform should recognise, their slots,
 * and sample utterances per locale. Platform generators (the Alexa interaction model today, a
 * Dialogflow agent later) read this; adapters map a platform intent back with `neutralIntentFor`.
 *
 * Sample utterances follow Amazon's rules (the strictest of the platforms): lowercase words, numbers
 * spelled out, no punctuation but apostrophes and the periods of spoken initialisms, slots written
 * `{slotName}` with spaces around them, and no utterance in two intents.
 */

export type ModelLocale = 'en-US' | 'en-GB';

export const MODEL_LOCALES: ModelLocale[] = ['en-US', 'en-GB'];

/** What shoppers say after "Alexa, open ...": two words, no launch phrases, wake words or connecting words. */
export const INVOCATION_NAMES: Record<ModelLocale, string> = {
  'en-US': 'corner market',
  'en-GB': 'corner market',
};

export type SlotType = 'PRODUCT' | 'CATEGORY' | 'AMAZON.NUMBER' | 'AMAZON.FOUR_DIGIT_NUMBER' | 'AMAZON.DATE';

export interface SlotDefinition {
  name: string;
  type: SlotType;
  /** Which neutral slot it fills. */
  maps: keyof Slots;
}

export interface IntentDefinition {
  neutral: IntentName;
  /** A custom name (e.g. 'AddToCartIntent') or a built-in (e.g. 'AMAZON.YesIntent'). */
  alexa: string;
  builtIn: boolean;
  /** Slot values implied by the intent itself, e.g. { question: 'price' } for ProductPriceIntent. */
  fixed?: Partial<Slots>;
  slots: SlotDefinition[];
  /** Empty for built-ins unless extending them. */
  samples: Record<ModelLocale, string[]>;
  /** Slots the dialog model elicits, with prompts per locale (at least 2 variations each). */
  elicit?: { slot: string; prompts: Record<ModelLocale, string[]> }[];
  /** In the dialog model without eliciting: the skill confirms it from code (Dialog.ConfirmIntent). */
  inDialog?: boolean;
}

/** `CART` in a template is "cart" for American shoppers and both "basket" and "trolley" for British ones. */
const CART_WORDS: Record<ModelLocale, string[]> = { 'en-US': ['cart'], 'en-GB': ['basket', 'trolley'] };

function samples(common: string[], withCart: string[] = [], only: Partial<Record<ModelLocale, string[]>> = {}): Record<ModelLocale, string[]> {
  const build = (locale: ModelLocale): string[] => {
    const expanded = withCart.flatMap((template) => CART_WORDS[locale].map((word) => template.replaceAll('CART', word)));
    return [...new Set([...common, ...expanded, ...(only[locale] ?? [])])];
  };
  return { 'en-US': build('en-US'), 'en-GB': build('en-GB') };
}

const NO_SAMPLES: Record<ModelLocale, string[]> = { 'en-US': [], 'en-GB': [] };

const product: SlotDefinition = { name: 'product', type: 'PRODUCT', maps: 'product' };
const quantity: SlotDefinition = { name: 'quantity', type: 'AMAZON.NUMBER', maps: 'quantity' };
/** Order numbers are six digits ("four eight two nine one seven"); AMAZON.NUMBER gives "482917", which `parseOrderNumber` reads. */
const orderNumber: SlotDefinition = { name: 'orderNumber', type: 'AMAZON.NUMBER', maps: 'orderNumber' };

const builtIn = (alexa: string, neutral: IntentName): IntentDefinition => ({ neutral, alexa, builtIn: true, slots: [], samples: NO_SAMPLES });

export const INTENT_DEFINITIONS: IntentDefinition[] = [
  {
    neutral: 'Browse',
    alexa: 'BrowseIntent',
    builtIn: false,
    slots: [product],
    samples: samples(
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
  {
    neutral: 'ProductQuestion',
    alexa: 'ProductPriceIntent',
    builtIn: false,
    fixed: { question: 'price' },
    slots: [product],
    samples: samples([
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
    neutral: 'ProductQuestion',
    alexa: 'ProductStockIntent',
    builtIn: false,
    fixed: { question: 'stock' },
    slots: [product],
    samples: samples(
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
    neutral: 'ProductQuestion',
    alexa: 'ProductInfoIntent',
    builtIn: false,
    fixed: { question: 'description' },
    slots: [product],
    samples: samples([
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
    neutral: 'ProductQuestion',
    alexa: 'ProductReviewsIntent',
    builtIn: false,
    fixed: { question: 'rating' },
    slots: [product],
    samples: samples([
      'is {product} any good',
      'are {product} any good',
      'is {product} good',
      'are {product} good',
      'reviews of {product}',
      'reviews for {product}',
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
  {
    neutral: 'AddToCart',
    alexa: 'AddToCartIntent',
    builtIn: false,
    slots: [product, quantity],
    samples: samples(
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
  {
    neutral: 'RemoveFromCart',
    alexa: 'RemoveFromCartIntent',
    builtIn: false,
    slots: [product, quantity],
    samples: samples(
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
  {
    neutral: 'ViewCart',
    alexa: 'ViewCartIntent',
    builtIn: false,
    slots: [],
    samples: samples(
      ['what have i added', 'what did i add so far', 'what have i got so far'],
      [
        "what's in my CART",
        'what is in my CART',
        "what's in the CART",
        'what do i have in my CART',
        'show my CART',
        'show me my CART',
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
  {
    neutral: 'Checkout',
    alexa: 'CheckoutIntent',
    inDialog: true,
    builtIn: false,
    slots: [],
    samples: samples(
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
        'buy now',
        "that's everything",
      ],
      ['buy everything in my CART', 'purchase my CART'],
      { 'en-US': ["i'm done shopping"], 'en-GB': ["i've finished my shopping", 'pay for my shopping'] },
    ),
  },
  {
    neutral: 'Reorder',
    alexa: 'ReorderIntent',
    builtIn: false,
    slots: [orderNumber, { name: 'date', type: 'AMAZON.DATE', maps: 'date' }],
    samples: samples(
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
    neutral: 'Reorder',
    alexa: 'ReorderUsualIntent',
    builtIn: false,
    fixed: { reorderOf: 'usual' },
    slots: [],
    samples: samples(
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
  {
    neutral: 'OrderStatus',
    alexa: 'OrderStatusIntent',
    builtIn: false,
    slots: [orderNumber],
    samples: samples(
      [
        "where's my order",
        'where is my order',
        'order status',
        "what's the status of my order",
        "what's happening with my order",
        'track my order',
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
  {
    neutral: 'CancelOrder',
    alexa: 'CancelOrderIntent',
    builtIn: false,
    slots: [orderNumber],
    samples: samples(
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
  {
    neutral: 'VoiceCode',
    alexa: 'VoiceCodeIntent',
    builtIn: false,
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
    samples: samples([
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
  {
    neutral: 'SetVoiceCode',
    alexa: 'SetVoiceCodeIntent',
    builtIn: false,
    // No code slot: a code said aloud could be overheard, so setting one is refused by voice anyway.
    slots: [],
    samples: samples([
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
    ]),
  },
  {
    neutral: 'LinkAccount',
    alexa: 'LinkAccountIntent',
    builtIn: false,
    slots: [],
    samples: samples([
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
    ]),
  },
  {
    neutral: 'Consent',
    alexa: 'OptOutIntent',
    builtIn: false,
    fixed: { consent: 'opt-out', consentScope: 'marketing' },
    slots: [],
    samples: samples([
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
    neutral: 'Consent',
    alexa: 'OptInIntent',
    builtIn: false,
    fixed: { consent: 'opt-in', consentScope: 'marketing' },
    slots: [],
    samples: samples([
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
    neutral: 'Consent',
    alexa: 'StopMessagesIntent',
    builtIn: false,
    fixed: { consent: 'opt-out', consentScope: 'messages' },
    slots: [],
    samples: samples(
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
    neutral: 'Consent',
    alexa: 'StartMessagesIntent',
    builtIn: false,
    fixed: { consent: 'opt-in', consentScope: 'messages' },
    slots: [],
    samples: samples([
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
  {
    neutral: 'Handoff',
    alexa: 'HandoffIntent',
    builtIn: false,
    slots: [],
    samples: samples(
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
      ],
      [],
      { 'en-US': ['talk to customer support'], 'en-GB': ['speak to a member of staff', 'put me through to someone'] },
    ),
  },
  {
    neutral: 'GiftFinder',
    alexa: 'GiftFinderIntent',
    builtIn: false,
    slots: [
      { name: 'age', type: 'AMAZON.NUMBER', maps: 'age' },
      { name: 'category', type: 'CATEGORY', maps: 'category' },
      // Said in whole dollars or pounds ("under twenty dollars"): the adapter converts to minor units (x 100).
      { name: 'budget', type: 'AMAZON.NUMBER', maps: 'budgetMinor' },
    ],
    samples: samples(
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
  builtIn('AMAZON.HelpIntent', 'Help'),
  builtIn('AMAZON.StopIntent', 'Stop'),
  builtIn('AMAZON.CancelIntent', 'Stop'),
  builtIn('AMAZON.FallbackIntent', 'Fallback'),
  builtIn('AMAZON.NavigateHomeIntent', 'Launch'),
  builtIn('AMAZON.YesIntent', 'Yes'),
  builtIn('AMAZON.NoIntent', 'No'),
];

const BY_ALEXA_NAME = new Map(INTENT_DEFINITIONS.map((definition) => [definition.alexa, definition]));

/** The neutral intent and slots for an Alexa intent name, or null. */
export function neutralIntentFor(alexaIntentName: string): IntentDefinition | null {
  return BY_ALEXA_NAME.get(alexaIntentName) ?? null;
}

/** Every Alexa intent name the language model gives a meaning to. */
export function mappedAlexaIntentNames(): string[] {
  return [...BY_ALEXA_NAME.keys()];
}
/**
 * What Amazon's built-in intents listen for, for platforms that have no built-ins: the Dialogflow agent
 * uses these as training phrases. Same rules as the samples above.
 */
export const BUILT_IN_SAMPLES: Record<string, Record<ModelLocale, string[]>> = {
  'AMAZON.YesIntent': samples(['yes', 'yeah', 'yep', 'yup', 'sure', 'okay', 'ok', 'yes please', 'go ahead', 'do it', 'place it', 'correct', 'confirm', "that's right"]),
  'AMAZON.NoIntent': samples(['no', 'nope', 'nah', 'no thanks', 'no thank you', 'not now', "don't", 'do not']),
  'AMAZON.HelpIntent': samples(['help', 'help me', 'what can i do', 'what can you do', 'how does this work', 'what can i say']),
  'AMAZON.StopIntent': samples(['stop', 'exit', 'quit', 'goodbye', 'bye', "that's all", 'that is all']),
  'AMAZON.CancelIntent': samples(['cancel', 'never mind', 'nevermind', 'forget it']),
  'AMAZON.NavigateHomeIntent': samples(['hi', 'hello', 'hey', 'start', 'start over', 'main menu', 'go home', `talk to ${INVOCATION_NAMES['en-US']}`]),
  'AMAZON.FallbackIntent': NO_SAMPLES,
};
