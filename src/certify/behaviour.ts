import { randomBytes } from 'node:crypto';
import type { Types } from 'mongoose';
import type { RequestEnvelope, ResponseEnvelope } from 'ask-sdk-model';
import { CustomerModel, OrderModel } from '../../models';
import { alexaEnvelope, intent, type AlexaRequestBody } from '../channels/alexa/simulate/requests';
import { productNameIn } from '../core/matching';
import { computeTotals, speakMoney } from '../core/money';
import { speakOrderNumber } from '../core/order-rules';
import type { Config } from '../config';
import { createOAuthProvider, issueAccessToken } from '../http/oauth/provider';
import type { CommerceSettings } from '../services/settings';
import { listActiveProducts } from '../store/catalog-store';
import { unitsInStock } from '../services/catalog';
import { fail, verdict, type CheckResult } from './report';
import { ssmlProblems, ssmlText } from './ssml';

/** The skill as Alexa sees it: a request envelope in, a response envelope out. */
export type SkillInvoker = (envelope: RequestEnvelope) => Promise<ResponseEnvelope>;

interface Exchange {
  step: string;
  requestType: string;
  response: ResponseEnvelope['response'];
}

const speechOf = (response: ResponseEnvelope['response']) => {
  const speech = response.outputSpeech;
  if (!speech) return '';
  return speech.type === 'SSML' ? (speech.ssml ?? '') : (speech.text ?? '');
};
const repromptOf = (response: ResponseEnvelope['response']) => {
  const speech = response.reprompt?.outputSpeech;
  if (!speech) return '';
  return speech.type === 'SSML' ? (speech.ssml ?? '') : (speech.text ?? '');
};
const words = (response: ResponseEnvelope['response']) => {
  const speech = response.outputSpeech;
  return speech?.type === 'SSML' ? ssmlText(speech.ssml ?? '') : (speech?.text ?? '').trim();
};
const leavesSessionOpen = (response: ResponseEnvelope['response']) => response.shouldEndSession !== true;

export interface BehaviourOptions {
  config: Config;
  invoke: SkillInvoker;
  skillId: string;
  settings: CommerceSettings;
  locale: string;
  /** Intents of the model for this locale: each is sent once with no slots, to sweep every reply. */
  modelIntents: string[];
}

/** A shopper for this run only: linked account, a delivery address, no voice code, recognized voice. */
async function certifyShopper(config: Config): Promise<{ userId: string; accessToken: string; addressLine: string; customerId: Types.ObjectId }> {
  const tag = randomBytes(6).toString('hex');
  const addressLine = '1 Certification Way';
  const customer = await CustomerModel.create({
    displayName: 'Certify Shopper',
    timeZone: 'America/New_York',
    addresses: [{ label: 'home', recipient: 'Certify Shopper', line1: addressLine, city: 'Springfield', region: 'MA', postalCode: '01103', country: 'US' }],
    defaultPaymentRef: `certify-card-${tag}`,
    preferences: { kidMode: false, preferredChannels: ['alexa'] },
  });
  // A real account-linking token from our own OAuth server, as the Alexa app would hold after linking.
  const accessToken = await issueAccessToken(createOAuthProvider(config), config, customer._id);
  return { userId: `amzn1.ask.account.CERTIFY${tag.toUpperCase()}`, accessToken, addressLine, customerId: customer._id };
}

/** The cheapest product a voice shopper may buy without a voice code: in stock, no restriction, total under the code threshold. */
async function productToBuy(settings: CommerceSettings) {
  const products = (await listActiveProducts()).filter((product) => !product.restrictions?.notSoldByVoice && !product.restrictions?.minimumAge);
  products.sort((a, b) => a.priceMinor - b.priceMinor || (a.sku < b.sku ? -1 : 1));
  for (const product of products) {
    const { totalMinor } = computeTotals([{ sku: product.sku, name: product.name, quantity: 1, unitPriceMinor: product.priceMinor }], settings.pricing);
    if (totalMinor >= settings.voiceCodeThresholdMinor || totalMinor > settings.limits.perOrderMinor) break;
    if ((await unitsInStock(product.sku)) > 0) return product;
  }
  return null;
}

/**
 * Drives the skill in-process the way certification testers do by voice: launch, help, fallback, stop, cancel,
 * the end of a session, every intent of the model once, and a purchase, then judges every reply.
 */
export async function checkBehaviour(options: BehaviourOptions): Promise<CheckResult[]> {
  const { invoke, locale, settings } = options;
  const shopper = await certifyShopper(options.config);
  const exchanges: Exchange[] = [];
  let session = 0;
  const say = async (step: string, body: AlexaRequestBody): Promise<ResponseEnvelope['response']> => {
    const envelope = alexaEnvelope(body, { skillId: options.skillId, userId: shopper.userId, accessToken: shopper.accessToken, locale, apiAccessToken: null, sessionId: `amzn1.echo-api.session.certify-${session}` });
    const answer = await invoke(envelope as unknown as RequestEnvelope);
    exchanges.push({ step, requestType: body.type, response: answer.response });
    return answer.response;
  };
  const results: CheckResult[] = [];
  const subject = locale;

  const launch = await say('launch', { type: 'LaunchRequest' });
  results.push(verdict('behaviour.launch', subject, openAnswerProblems(launch), `launch welcomes ("${clip(words(launch))}") and keeps the session open with a reprompt.`));
  const help = await say('help', intent('AMAZON.HelpIntent'));
  results.push(verdict('behaviour.help', subject, openAnswerProblems(help), `help answers ("${clip(words(help))}") and keeps the session open with a reprompt.`));
  const fallback = await say('fallback', intent('AMAZON.FallbackIntent'));
  results.push(verdict('behaviour.fallback', subject, openAnswerProblems(fallback), `fallback answers ("${clip(words(fallback))}") and keeps the session open with a reprompt.`));
  const stop = await say('stop', intent('AMAZON.StopIntent'));
  results.push(verdict('behaviour.stop', subject, closingProblems(stop), 'stop ends the session.'));
  session += 1;
  await say('launch again', { type: 'LaunchRequest' });
  const cancel = await say('cancel', intent('AMAZON.CancelIntent'));
  results.push(verdict('behaviour.cancel', subject, closingProblems(cancel), 'cancel ends the session.'));
  session += 1;
  const ended = await say('session ended', { type: 'SessionEndedRequest', reason: 'USER_INITIATED' });
  const endedProblems = [
    ...(ended.outputSpeech ? ['it has outputSpeech'] : []),
    ...(ended.reprompt ? ['it has a reprompt'] : []),
    ...(ended.card ? ['it has a card'] : []),
    ...((ended.directives ?? []).length > 0 ? ['it has directives'] : []),
  ];
  results.push(verdict('behaviour.session-ended', subject, endedProblems.map((p) => `the answer to SessionEndedRequest: ${p}`), 'SessionEndedRequest gets an empty answer.'));

  // Every intent once, each from a new shopper who has not linked an account (the replies a stranger hears). They
  // share nothing, so they run side by side; their exchanges are kept in model order for a stable report.
  const sweep = await Promise.all(
    options.modelIntents.map(async (name, index) => {
      const envelope = alexaEnvelope(intent(name), { skillId: options.skillId, userId: `${shopper.userId}STRANGER${index}`, locale, apiAccessToken: null, sessionId: `amzn1.echo-api.session.certify-sweep-${index}` });
      const answer = await invoke(envelope as unknown as RequestEnvelope);
      return { step: `${name} (no slots)`, requestType: 'IntentRequest', response: answer.response };
    }),
  );
  exchanges.push(...sweep);

  results.push(...(await purchaseChecks(say, shopper, settings, subject)));

  const answered = exchanges.filter((exchange) => exchange.requestType !== 'SessionEndedRequest');
  results.push(
    verdict(
      'behaviour.reprompt',
      subject,
      answered.filter((e) => leavesSessionOpen(e.response) && !ssmlText(repromptOf(e.response))).map((e) => `"${e.step}" leaves the session open without a reprompt`),
      `all ${answered.filter((e) => leavesSessionOpen(e.response)).length} replies that leave the session open have a reprompt.`,
    ),
  );
  results.push(verdict('behaviour.speech', subject, answered.filter((e) => !words(e.response)).map((e) => `"${e.step}" says nothing`), `all ${answered.length} replies say something.`));
  const ssmlIssues = exchanges.flatMap((e) => {
    const problems: string[] = [];
    for (const [part, ssml, type] of [
      ['speech', speechOf(e.response), e.response.outputSpeech?.type],
      ['reprompt', repromptOf(e.response), e.response.reprompt?.outputSpeech?.type],
    ] as const) {
      if (type !== 'SSML') continue;
      for (const problem of ssmlProblems(ssml)) problems.push(`the ${part} of "${e.step}" ${problem}`);
    }
    return problems;
  });
  results.push(verdict('behaviour.ssml', subject, ssmlIssues, `the SSML of all ${exchanges.length} replies is well-formed and uses supported tags only.`));
  return results;
}

function openAnswerProblems(response: ResponseEnvelope['response']): string[] {
  const problems: string[] = [];
  if (!words(response)) problems.push('it says nothing');
  if (!leavesSessionOpen(response)) problems.push('it ends the session');
  else if (!ssmlText(repromptOf(response))) problems.push('it leaves the session open without a reprompt');
  return problems;
}

function closingProblems(response: ResponseEnvelope['response']): string[] {
  const problems: string[] = [];
  if (response.shouldEndSession !== true) problems.push(`shouldEndSession is ${String(response.shouldEndSession)}, not true`);
  if (response.reprompt) problems.push('it has a reprompt');
  if ((response.directives ?? []).some((d) => d.type.startsWith('Dialog.'))) problems.push('it sends a Dialog directive');
  return problems;
}

const clip = (text: string, length = 60) => (text.length > length ? `${text.slice(0, length - 1)}…` : text);

type Say = (step: string, body: AlexaRequestBody) => Promise<ResponseEnvelope['response']>;

async function purchaseChecks(say: Say, shopper: Awaited<ReturnType<typeof certifyShopper>>, settings: CommerceSettings, subject: string): Promise<CheckResult[]> {
  const product = await productToBuy(settings);
  if (!product) {
    const message = 'the catalog has no in-stock product a voice shopper may buy without a voice code, so no purchase could be tried.';
    return [fail('behaviour.purchase-read-back', subject, message), fail('behaviour.purchase-confirmation', subject, message)];
  }
  const ordersBefore = await OrderModel.countDocuments({ customerId: shopper.customerId });
  await say('add to cart', intent('AddToCartIntent', { product: { value: product.name.toLowerCase(), id: product.sku }, quantity: '1' }));
  const readBack = await say('checkout', intent('CheckoutIntent'));
  const heard = ssmlText(speechOf(readBack));
  const total = computeTotals([{ sku: product.sku, name: product.name, quantity: 1, unitPriceMinor: product.priceMinor }], settings.pricing).totalMinor;
  const spokenTotal = speakMoney(total, settings.pricing.currency, subject);
  const missing = [
    [settings.sellerName, 'the seller'],
    [productNameIn(product, subject), 'the item'],
    [shopper.addressLine, 'the delivery address'],
    [spokenTotal, 'the total'],
  ]
    .filter(([expected]) => !heard.includes(expected!))
    .map(([expected, what]) => `the read-back does not name ${what} ("${expected}")`);
  const readBackProblems = [
    ...missing,
    ...(readBack.directives ?? []).some((d) => d.type === 'Dialog.ConfirmIntent') ? [] : ['the read-back does not ask for confirmation (Dialog.ConfirmIntent)'],
    ...(leavesSessionOpen(readBack) ? [] : ['the read-back ends the session']),
    ...((await OrderModel.countDocuments({ customerId: shopper.customerId })) > ordersBefore ? ['an order was placed before the shopper said yes'] : []),
  ];
  const results = [verdict('behaviour.purchase-read-back', subject, readBackProblems, `before ordering, the skill reads back seller, item, delivery and total: "${clip(heard, 140)}"`)];

  const done = await say('confirm checkout', intent('CheckoutIntent', {}, 'CONFIRMED'));
  const placed = await OrderModel.find({ customerId: shopper.customerId }).sort({ placedAt: -1 }).lean();
  const confirmProblems: string[] = [];
  if (placed.length !== ordersBefore + 1) confirmProblems.push(`${placed.length - ordersBefore} orders were placed after the yes, not one (the skill said "${clip(ssmlText(speechOf(done)), 100)}")`);
  else if (!ssmlText(speechOf(done)).includes(speakOrderNumber(placed[0]!.orderNumber))) confirmProblems.push(`the confirmation does not say the order number (it said "${clip(ssmlText(speechOf(done)), 100)}")`);
  results.push(verdict('behaviour.purchase-confirmation', subject, confirmProblems, `after the yes, one order is placed and confirmed: "${clip(ssmlText(speechOf(done)), 100)}"`));
  return results;
}
