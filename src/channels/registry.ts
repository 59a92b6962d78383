import type { Router } from 'express';
import { CHANNEL_ID_PATTERN, type Channel } from '../core/channels';
import { EVERY_CHANNEL } from '../core/consent';
import type { ChannelAdapter, ChannelDependencies } from './adapter';
import { alexaChannel } from './alexa';
import { standardEndpoint } from './endpoint';
import { googleChannel } from './google';
import type { InboundHandlers } from './inbound-queue';
import { instagramChannel, messengerChannel } from './messenger';
import { smsChannel } from './sms';
import { webchatChannel } from './webchat';
import { wechatChannel } from './wechat';
import { whatsappChannel } from './whatsapp';
import { xChannel } from './x';

/**
 * The one list of channels: http mounts their endpoints, the inbound workers run their handlers, the
 * outbox sends with their senders, notify reaches customers through their notifiers, and the console
 * previews their renderers, all from here. Adding a channel is one folder and one line below (or one
 * `registerChannel` call, before the app is created).
 */
const adapters = new Map<Channel, ChannelAdapter<unknown>>();

export function registerChannel<Overrides>(adapter: ChannelAdapter<Overrides>): void {
  if (!CHANNEL_ID_PATTERN.test(adapter.id) || adapter.id === EVERY_CHANNEL) throw new Error(`"${adapter.id}" cannot be a channel id`);
  const existing = adapters.get(adapter.id);
  if (existing && existing !== adapter) throw new Error(`channel "${adapter.id}" is already registered`);
  if ((adapter.verify || adapter.parse) && adapter.routes) throw new Error(`channel "${adapter.id}": give routes or verify and parse, not both`);
  if (adapter.path === undefined ? adapter.routes || adapter.verify : !adapter.routes && !(adapter.verify && adapter.parse)) {
    throw new Error(`channel "${adapter.id}": an endpoint needs a path and either routes or verify and parse`);
  }
  adapters.set(adapter.id, adapter as ChannelAdapter<unknown>);
}

registerChannel(alexaChannel);
registerChannel(googleChannel);
registerChannel(messengerChannel);
registerChannel(instagramChannel);
registerChannel(whatsappChannel);
registerChannel(smsChannel);
registerChannel(wechatChannel);
registerChannel(webchatChannel);
registerChannel(xChannel);

export function registeredChannels(): ChannelAdapter<unknown>[] {
  return [...adapters.values()];
}

/**
 * The channels that can show a link unprompted: those with a notifier that are not voice. The
 * composition roots pass this into `commerceSettings` (notifications.linkChannels), so a use case that
 * must know now whether a link can reach the customer (a card-setup link asked for by voice) learns it
 * without importing the registry, which use cases may not (docs: the module map).
 */
export function linkChannels(): Channel[] {
  return registeredChannels()
    .filter((adapter) => adapter.notifier && !adapter.voice)
    .map((adapter) => adapter.id);
}

export function channelAdapter(id: string): ChannelAdapter<unknown> | undefined {
  return adapters.get(id);
}

export function isRegisteredChannel(id: string): boolean {
  return adapters.has(id);
}

/** Per-channel test seams (trust roots, fakes), keyed by channel; each adapter's `routes` reads its own. */
export interface ChannelOverrides {
  alexa?: typeof alexaChannel extends ChannelAdapter<infer O> ? O : never;
  wechat?: typeof wechatChannel extends ChannelAdapter<infer O> ? O : never;
  [channel: string]: unknown;
}

/** Every channel endpoint, by path. */
export function channelRouters(deps: ChannelDependencies, overrides: ChannelOverrides = {}): { path: string; router: Router }[] {
  return registeredChannels().flatMap((adapter) => {
    if (adapter.path === undefined) return [];
    const router = adapter.routes ? adapter.routes(deps, overrides[adapter.id]) : standardEndpoint(adapter, deps);
    return [{ path: adapter.path, router }];
  });
}

/** What the inbound workers run per channel: every channel whose webhook records messages has one. */
export function inboundHandlers(deps: ChannelDependencies): InboundHandlers {
  return Object.fromEntries(registeredChannels().flatMap((adapter) => (adapter.inbound ? [[adapter.id, adapter.inbound(deps)]] : [])));
}
