import type { Config } from '../config';
import { messengerGraphSettings, messengerSender } from '../channels/messenger/client';
import { smsSender } from '../channels/sms/client';
import { wechatSender } from '../channels/wechat/client';
import { whatsappSender } from '../channels/whatsapp/client';
import type { OutboxSender } from './outbox';

/** Which sender delivers each kind of outbox job. */
export function outboxSenders(config: Config): Record<string, OutboxSender> {
  const messenger = messengerSender(messengerGraphSettings(config));
  return { messenger, instagram: messenger, whatsapp: whatsappSender(config), sms: smsSender(config), wechat: wechatSender(config) };
}
