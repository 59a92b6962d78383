import { randomUUID } from 'node:crypto';
import { CustomerModel } from '../../models';
import { linkedAlexaToken } from '../../test/support/alexa-linking';
import { CERT_URL, signBody } from '../../test/support/alexa-signing';

const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
export const COFFEE_SKU = 'COF-001';

export interface LinkedShopper {
  userId: string;
  token: string;
}

export function envelope(shopper: LinkedShopper, request: object, apiEndpoint: string): object {
  const { userId, token: accessToken } = shopper;
  return {
    version: '1.0',
    session: { new: false, sessionId: `amzn1.echo-api.session.${userId}`, application: { applicationId: SKILL_ID }, user: { userId, accessToken } },
    context: {
      System: {
        application: { applicationId: SKILL_ID },
        user: { userId, accessToken },
        person: { personId: `amzn1.ask.person.${userId}` },
        device: { deviceId: 'amzn1.ask.device.BENCH', supportedInterfaces: {} },
        apiEndpoint,
        apiAccessToken: 'alexa-api-token',
      },
    },
    request: { ...request, requestId: `amzn1.echo-api.request.${randomUUID()}`, timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), locale: 'en-US' },
  };
}

const intent = (name: string, slots: object = {}, confirmationStatus = 'NONE') => ({ type: 'IntentRequest', intent: { name, confirmationStatus, slots } });

/** The hot Alexa turns, as Alexa sends them after resolving the shopper's words. */
export const ALEXA_TURNS = {
  addToCart: intent('AddToCartIntent', {
    product: { name: 'product', value: 'colombian coffee', resolutions: { resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.BENCH.PRODUCT', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: 'colombian coffee', id: COFFEE_SKU } }] }] } },
    quantity: { name: 'quantity', value: '1' },
  }),
  checkout: intent('CheckoutIntent'),
  confirm: intent('CheckoutIntent', {}, 'CONFIRMED'),
  reorder: intent('ReorderIntent'),
  orderStatus: intent('OrderStatusIntent'),
} as const;

/**
 * Signed as it goes out with the stand-in Alexa PKI: Amazon's timestamps are only good for 150 seconds,
 * and a slow run must not turn into a test of the timestamp check.
 */
export function signedAlexaRequest(shopper: LinkedShopper, request: object, apiEndpoint: string): { body: string; headers: Record<string, string> } {
  const body = JSON.stringify(envelope(shopper, request, apiEndpoint));
  return { body, headers: { SignatureCertChainUrl: CERT_URL, 'Signature-256': signBody(Buffer.from(body)), 'content-type': 'application/json' } };
}

/**
 * Linked customers with a delivery address and no voice code: small orders from a recognized speaker
 * place on "yes". Tokens are minted by the same OAuth server the app runs, as account linking would.
 */
export async function linkedShoppers(count: number, label: string): Promise<LinkedShopper[]> {
  const runId = `${label}${Date.now().toString(36)}`;
  const customers = await CustomerModel.insertMany(
    Array.from({ length: count }, (_, i) => ({
      displayName: `Bench Shopper ${label} ${i}`,
      timeZone: 'America/New_York',
      addresses: [{ recipient: `Bench Shopper ${i}`, line1: `${i + 1} Load Street`, city: 'Springfield', postalCode: '12345', country: 'US' }],
      preferences: { kidMode: false },
    })),
  );
  const shoppers: LinkedShopper[] = [];
  for (const [i, customer] of customers.entries()) shoppers.push({ userId: `amzn1.ask.account.BENCH${runId}${i}`, token: await linkedAlexaToken(customer._id) });
  return shoppers;
}

/** What Alexa would say, from a skill response body. */
export function speechOf(body: string): string {
  try {
    const parsed = JSON.parse(body) as { response?: { outputSpeech?: { ssml?: string; text?: string } } };
    const speech = parsed.response?.outputSpeech;
    return (speech?.ssml ?? speech?.text ?? '').replace(/<[^>]+>/g, '');
  } catch {
    return '';
  }
}
