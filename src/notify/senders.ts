import type { Config } from '../config';
import { messengerGraphSettings, messengerSender } from '../channels/messenger/client';
import { smsSender } from '../channels/sms/client';
import { wechatSender } from '../channels/wechat/client';
import { whatsappSender } from '../channels/whatsapp/client';
import { NOTIFICATION_JOB_KIND, RECEIPT_JOB_KIND } from '../services/notification-service';
import { notificationSender } from './notification-sender';
import type { OutboxSender } from './outbox';
import { receiptSender } from './receipts';
import { OutboundPolicy, outboundPolicySettings, policed } from './send-policy';

/**
 * Which sender delivers each kind of outbox job. Every channel sender sits behind the one outbound
 * policy, and the notification sender asks the same policy for each channel it tries.
 */
export function outboxSenders(config: Config): Record<string, OutboxSender> {
  const policy = new OutboundPolicy(outboundPolicySettings(config));
  const messenger = messengerSender(messengerGraphSettings(config));
  return {
    messenger: policed('messenger', messenger, policy),
    instagram: policed('instagram', messenger, policy),
    whatsapp: policed('whatsapp', whatsappSender(config), policy),
    sms: policed('sms', smsSender(config), policy),
    wechat: policed('wechat', wechatSender(config), policy),
    [NOTIFICATION_JOB_KIND]: notificationSender(config, undefined, policy),
    [RECEIPT_JOB_KIND]: receiptSender(config),
  };
}
