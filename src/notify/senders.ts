import type { Config } from '../config';
import { messengerGraphSettings, messengerSender } from '../channels/messenger/client';
import { smsSender } from '../channels/sms/client';
import { wechatSender } from '../channels/wechat/client';
import { whatsappSender } from '../channels/whatsapp/client';
import { NOTIFICATION_JOB_KIND, RECEIPT_JOB_KIND } from '../services/notification-service';
import { notificationSender } from './notification-sender';
import type { OutboxSender } from './outbox';
import { receiptSender } from './receipts';

/** Which sender delivers each kind of outbox job. */
export function outboxSenders(config: Config): Record<string, OutboxSender> {
  const messenger = messengerSender(messengerGraphSettings(config));
  return {
    messenger,
    instagram: messenger,
    whatsapp: whatsappSender(config),
    sms: smsSender(config),
    wechat: wechatSender(config),
    [NOTIFICATION_JOB_KIND]: notificationSender(config),
    [RECEIPT_JOB_KIND]: receiptSender(config),
  };
}
