import { INSIGHT_METRICS, pairKey, utcDay } from '../core/insights';
import { DEMO_CURRENCY, DEMO_PRODUCTS } from './catalog';

/** One day's count of a metric's key, as the insight hooks would have counted it. */
export interface DemoCount {
  day: string;
  metric: string;
  key: string;
  amount: number;
}

const CHANNELS = [
  { channel: 'whatsapp', weight: 5 },
  { channel: 'sms', weight: 3 },
  { channel: 'webchat', weight: 4 },
  { channel: 'alexa', weight: 2 },
  { channel: 'messenger', weight: 2 },
];
/** What demo shoppers asked for that the demo catalog lacks, or names differently. */
const UNMATCHED = ['unicorn slippers', 'oat milk', 'gluten free pasta', 'cold brew maker', 'matcha whisk'];
const ASKED_BACK = ['coffee beans', 'batteries', 'green tea'];
const DAY_MS = 86_400_000;

/**
 * A fortnight of plausible shop activity up to `now`, so a fresh development database shows a dashboard
 * with something in it. Deterministic (a weekly rhythm, no randomness), and never loaded outside
 * development (`seedIfEmpty`), nor in tests.
 */
export function demoActivity(now: Date, days = 14): DemoCount[] {
  const counts: DemoCount[] = [];
  const add = (day: string, metric: string, key: string, amount: number) => {
    if (amount > 0) counts.push({ day, metric, key, amount });
  };
  const popular = DEMO_PRODUCTS.slice(0, 8);
  for (let back = days - 1; back >= 0; back--) {
    const at = new Date(now.getTime() - back * DAY_MS);
    const day = utcDay(at);
    const rhythm = 1 + ((at.getUTCDay() + 2) % 7) / 4; // busier towards the weekend
    for (const { channel, weight } of CHANNELS) {
      const conversations = Math.round(weight * 6 * rhythm);
      const browse = Math.round(conversations * 0.7);
      const cart = Math.round(browse * 0.4);
      const readBack = Math.round(cart * 0.6);
      const orders = Math.round(readBack * 0.7);
      add(day, INSIGHT_METRICS.conversation, channel, conversations);
      add(day, INSIGHT_METRICS.browse, channel, browse);
      add(day, INSIGHT_METRICS.cart, channel, cart);
      add(day, INSIGHT_METRICS.readBack, channel, readBack);
      add(day, INSIGHT_METRICS.order, channel, orders);
      add(day, INSIGHT_METRICS.revenueOrders, pairKey(channel, DEMO_CURRENCY), orders);
      add(day, INSIGHT_METRICS.revenueMinor, pairKey(channel, DEMO_CURRENCY), orders * (2400 + weight * 350));
      add(day, INSIGHT_METRICS.handoffStarted, channel, Math.round(conversations / 12));
      add(day, INSIGHT_METRICS.handoffFirstReplies, channel, Math.round(conversations / 12));
      add(day, INSIGHT_METRICS.handoffFirstReplySeconds, channel, Math.round(conversations / 12) * (90 + weight * 20));
    }
    popular.forEach((product, rank) => add(day, INSIGHT_METRICS.searchMatched, product.name, Math.round((popular.length - rank) * rhythm)));
    UNMATCHED.forEach((term, rank) => add(day, INSIGHT_METRICS.searchUnmatched, term, Math.round((UNMATCHED.length - rank) * rhythm * 0.8)));
    ASKED_BACK.forEach((term, rank) => add(day, INSIGHT_METRICS.searchAskedBack, term, ASKED_BACK.length - rank));
    add(day, INSIGHT_METRICS.optIn, pairKey('sms', 'keyword'), Math.round(3 * rhythm));
    add(day, INSIGHT_METRICS.optIn, pairKey('whatsapp', 'post-order'), Math.round(4 * rhythm));
    add(day, INSIGHT_METRICS.optOut, pairKey('sms', 'stop'), back % 3 === 0 ? 1 : 0);
    [1, 0, 0, 1, 0, 1, 1, 2, 3, 5, 4].forEach((answers, score) => add(day, INSIGHT_METRICS.npsScore, String(score), back % 2 === 0 ? answers : Math.max(0, answers - 1)));
  }
  return counts;
}
