/**
 * The Alexa order flow under load (issue 15's figure): linked customers walk add to cart, checkout
 * read-back and the yes over 8 connections, every request signed and fully verified, against the bare
 * ask-sdk hello skill in the same run. The app's CPU is profiled meanwhile, to say where the time goes.
 */
import { OrderModel } from '../models';
import { setStockLevel } from '../src/store/inventory-store';
import { ALEXA_TURNS, COFFEE_SKU, linkedShoppers, signedAlexaRequest } from './support/alexa-requests';
import type { CpuSummary } from './support/cpu-profile';
import { runLoad, type LoadResult } from './support/load';
import type { ServerProcess } from './support/processes';

export interface AlexaResult {
  customers: number;
  connections: number;
  seconds: number;
  /** Add to cart, checkout read-back, confirm (order placed): one customer's three turns. */
  orderFlow: LoadResult;
  hello: LoadResult;
  ordersPlaced: number;
  /** Confirmations sent: each should place exactly one order (the last few may be cut off by the clock). */
  confirmationsSent: number;
  /** The app process's CPU profile over the order flow's load. */
  cpu: CpuSummary;
}

export async function runAlexaBenchmark(options: { app: ServerProcess; helloUrl: string; fakeApiUrl: string; customers: number; connections: number; seconds: number; helloSeconds: number }): Promise<AlexaResult> {
  await setStockLevel(COFFEE_SKU, 10_000_000, 'adjust');
  const shoppers = await linkedShoppers(options.customers, 'load');
  const flow = [ALEXA_TURNS.addToCart, ALEXA_TURNS.checkout, ALEXA_TURNS.confirm];
  // Bounded by time, not by count, so a slow machine cannot stretch the run; customers are reused
  // (each walks the flow again, placing another order) only if the pool runs out.
  let nextShopper = 0;
  let confirmationsSent = 0;
  const ordersBefore = await OrderModel.countDocuments({ status: 'placed' });
  await options.app.ask({ type: 'cpu-profile-start' });
  const orderFlow = await runLoad({
    url: `${options.app.url}/alexa`,
    connections: options.connections,
    durationS: options.seconds,
    steps: flow.length,
    next: (step, context) => {
      if (step === 0) context.shopper = nextShopper++ % shoppers.length;
      if (step === flow.length - 1) confirmationsSent++;
      return signedAlexaRequest(shoppers[context.shopper as number]!, flow[step]!, options.fakeApiUrl);
    },
  });
  const cpu = await options.app.ask<CpuSummary>({ type: 'cpu-profile-stop' });
  const ordersPlaced = (await OrderModel.countDocuments({ status: 'placed' })) - ordersBefore;

  const launch = signedAlexaRequest({ userId: 'amzn1.ask.account.HELLO', token: 'none' }, { type: 'LaunchRequest' }, options.fakeApiUrl);
  const hello = await runLoad({ url: options.helloUrl, connections: options.connections, durationS: options.helloSeconds, next: () => launch });
  return { customers: options.customers, connections: options.connections, seconds: options.seconds, orderFlow, hello, ordersPlaced, confirmationsSent, cpu };
}
