import type { Router } from 'express';
import type { Config } from '../config';
import type { Logger } from '../logger';
import type { CommerceSettings } from '../services/settings';
import type { OutboxDispatcher } from '../notify/outbox';
import { alexaRouter, type AlexaRouterOptions } from './alexa/router';
import { googleRouter } from './google/router';
import { messengerRouter } from './messenger/router';
import { smsRouter } from './sms/router';
import { wechatRouter, type WechatRouterOptions } from './wechat/router';
import { whatsappRouter } from './whatsapp/router';
import { webchatRouter } from './webchat/router';

export interface ChannelDependencies {
  config: Config;
  settings: CommerceSettings;
  log: Logger;
  outbox: OutboxDispatcher;
}

/** Per-channel test seams (trust roots, fakes), keyed by channel. */
export interface ChannelOverrides {
  alexa?: Pick<AlexaRouterOptions, 'verifier' | 'progressiveAfterMs'>;
  wechat?: WechatRouterOptions;
}

/** Every channel endpoint: adding a channel is one folder under channels/ and one line here. */
export function channelRouters(deps: ChannelDependencies, overrides: ChannelOverrides = {}): { path: string; router: Router }[] {
  return [
    { path: '/alexa', router: alexaRouter({ ...deps, ...overrides.alexa }) },
    { path: '/messenger', router: messengerRouter(deps) },
    { path: '/whatsapp', router: whatsappRouter(deps) },
    { path: '/sms', router: smsRouter(deps) },
    { path: '/google', router: googleRouter(deps) },
    { path: '/wechat', router: wechatRouter({ ...deps, ...overrides.wechat }) },
    { path: '/webchat', router: webchatRouter(deps) },
  ];
}
