import { randomUUID } from 'node:crypto';
import { CustomerModel, OrderModel } from '../models';
import { setStockLevel } from '../src/store/inventory-store';
import { linkedAlexaToken } from '../test/support/alexa-linking';
import { CERT_URL, signBody } from '../test/support/alexa-signing';
import { runLoad, type LoadResult } from './support/load';

export interface AlexaResult {
  customers: number;
  connections: number;
  /** Add to cart, checkout read-back, confirm (order placed): one customer's three turns. */
  orderFlow: LoadResult;
  hello: LoadResult;
  ordersPlaced: number;
  /** Confirmations sent: each should place exactly one order (the last few may be cut off by the clock). */
  confirmationsSent: number;
  seconds: number;
}

const SKILL_ID = 'amzn1.ask.skill.00000000-0000-0000-0000-000000000000';
const COFFEE_SKU = 'COF-001';

function envelope(userId: string, accessToken: string, request: object, apiEndpoint: string) {
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

const addToCart = { type: 'IntentRequest', intent: { name: 'AddToCartIntent', confirmationStatus: 'NONE', slots: { product: { name: 'product', value: 'colombian coffee', resolutions: { resolutionsPerAuthority: [{ authority: 'amzn1.er-authority.echo-sdk.BENCH.PRODUCT', status: { code: 'ER_SUCCESS_MATCH' }, values: [{ value: { name: 'colombian coffee', id: COFFEE_SKU } }] }] } }, quantity: { name: 'quantity', value: '1' } } } };
const checkout = { type: 'IntentRequest', intent: { name: 'CheckoutIntent', confirmationStatus: 'NONE', slots: {} } };
const confirm = { type: 'IntentRequest', intent: { name: 'CheckoutIntent', confirmationStatus: 'CONFIRMED', slots: {} } };

interface Signed {
  body: string;
  headers: Record<string, string>;
}

function signed(payload: object): Signed {
  const body = JSON.stringify(payload);
  return { body, headers: { SignatureCertChainUrl: CERT_URL, 'Signature-256': signBody(Buffer.from(body)) } };
}

/** Linked customers with a delivery address and no voice code: small orders from a recognized speaker place on "yes". */
async function createCustomers(count: number, runId: string): Promise<{ userId: string; token: string }[]> {
  const customers = await CustomerModel.insertMany(
    Array.from({ length: count }, (_, i) => ({
      displayName: `Bench Shopper ${i}`,
      timeZone: 'America/New_York',
      addresses: [{ recipient: `Bench Shopper ${i}`, line1: `${i + 1} Load Street`, city: 'Springfield', postalCode: '12345', country: 'US' }],
      preferences: { kidMode: false },
    })),
  );
  const linked: { userId: string; token: string }[] = [];
  // Tokens minted by the same OAuth server the app runs, as the account-linking flow would.
  for (const [i, customer] of customers.entries()) linked.push({ userId: `amzn1.ask.account.BENCH${runId}${i}`, token: await linkedAlexaToken(customer._id) });
  return linked;
}

export async function runAlexaBenchmark(options: { appUrl: string; helloUrl: string; fakeApiUrl: string; customers: number; connections: number; seconds: number; helloSeconds: number }): Promise<AlexaResult> {
  const runId = Date.now().toString(36);
  await setStockLevel(COFFEE_SKU, 10_000_000, 'adjust');
  const customers = await createCustomers(options.customers, runId);

  // Signed as each request goes out: Amazon's timestamps are only good for 150 seconds, and a slow run
  // must not turn into a test of the timestamp check.
  const flow = [addToCart, checkout, confirm];
  // Bounded by time, not by count, so a slow machine cannot stretch the run; customers are reused
  // (each walks the flow again, placing another order) only if the pool runs out.
  let nextCustomer = 0;
  let confirmationsSent = 0;
  const ordersBefore = await OrderModel.countDocuments({ status: 'placed' });
  const orderFlow = await runLoad({
    url: `${options.appUrl}/alexa`,
    connections: options.connections,
    durationS: options.seconds,
    steps: flow.length,
    next: (step, context) => {
      if (step === 0) context.customer = nextCustomer++ % customers.length;
      if (step === flow.length - 1) confirmationsSent++;
      const { userId, token } = customers[context.customer as number]!;
      return signed(envelope(userId, token, flow[step]!, options.fakeApiUrl));
    },
  });
  const ordersPlaced = (await OrderModel.countDocuments({ status: 'placed' })) - ordersBefore;

  const launch = JSON.stringify(envelope('amzn1.ask.account.HELLO', 'none', { type: 'LaunchRequest' }, options.fakeApiUrl));
  const hello = await runLoad({ url: options.helloUrl, connections: options.connections, durationS: options.helloSeconds, next: () => ({ body: launch, headers: {} }) });
  return { customers: options.customers, connections: options.connections, orderFlow, hello, ordersPlaced, confirmationsSent, seconds: options.seconds };
}
