import { recentOrders } from '../../services/orders';
import { reply, type Flow } from '../context';
import { PAYLOADS } from '../understand';

export const launchFlow: Flow = {
  name: 'launch',
  canHandle: (ctx) => ctx.intent.name === 'Launch',
  async handle(ctx) {
    const hasOrders = (await recentOrders(ctx.customerId, { limit: 1 })).length > 0;
    const m = ctx.messages;
    const welcome = ctx.turn.accountLinked === false ? [m.welcome(ctx.settings.sellerName, hasOrders), m.linkAccount()] : [m.welcome(ctx.settings.sellerName, hasOrders)];
    return reply(ctx, welcome, {
      needsAccountLink: ctx.turn.accountLinked === false,
      choices: [
        ...(hasOrders ? [{ id: PAYLOADS.reorderUsual, label: m.labels.reorderUsual }, { id: PAYLOADS.orderStatus, label: m.labels.orderStatus }] : []),
        { id: PAYLOADS.giftIdeas, label: m.labels.giftIdeas },
        { id: PAYLOADS.help, label: m.labels.help },
      ],
      reprompt: m.welcomeReprompt(),
    });
  },
};

export const helpFlow: Flow = {
  name: 'help',
  canHandle: (ctx) => ctx.intent.name === 'Help',
  handle: async (ctx) => reply(ctx, ctx.messages.help(), { reprompt: ctx.messages.welcomeReprompt() }),
};

export const stopFlow: Flow = {
  name: 'stop',
  canHandle: (ctx) => ctx.intent.name === 'Stop' || ctx.intent.name === 'Silence',
  async handle(ctx) {
    ctx.dialog = {};
    // Silence (a session the platform ended) gets no speech: there is nobody to hear it.
    if (ctx.intent.name === 'Silence') return { speech: '', text: '', silent: true, endSession: true };
    return reply(ctx, ctx.messages.goodbye(), { endSession: true });
  },
};

/** A bare yes or no with nothing pending, or anything not understood. */
export const fallbackFlow: Flow = {
  name: 'fallback',
  canHandle: () => true,
  handle: async (ctx) => reply(ctx, ctx.messages.fallback(), { reprompt: ctx.messages.fallback() }),
};
