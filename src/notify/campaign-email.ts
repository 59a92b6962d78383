import type { ChannelNotifier } from '../channels/adapter';
import type { Config } from '../config';
import { marketingEmailParts } from '../core/campaign';
import { mailerFor, type Mailer } from './receipts';

/**
 * Campaign e-mails, through the same mailer as receipts (SMTP_URL). Each names the brand, carries the
 * campaign's short link and a visible unsubscribe link, and the RFC 8058 headers: `List-Unsubscribe`
 * with the recipient's `/l/<code>/unsubscribe` (and a mailto: address when MAIL_UNSUBSCRIBE_MAILTO is
 * set) and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, so a mail client's one-click POST there
 * opts out (http/links/). UNCONFIRMED: mailbox providers honour one-click only on DKIM-signed mail whose
 * signature covers both headers; the signing is the SMTP relay's (nothing here signs).
 */
export function campaignEmailNotifier(config: Config, mailer: Mailer = mailerFor(config)): ChannelNotifier {
  return {
    attempt(notification, recipient) {
      const marketing = notification.marketing;
      const email = marketing?.email;
      if (!marketing || !email) return 'email: only campaign e-mails go by this channel';
      const body = marketingEmailParts(marketing.brand, notification.text, email.link, email.unsubscribeLink, email.footer);
      const unsubscribe = [`<${email.unsubscribeLink}>`, ...(config.MAIL_UNSUBSCRIBE_MAILTO ? [`<mailto:${config.MAIL_UNSUBSCRIBE_MAILTO}?subject=unsubscribe>`] : [])].join(', ');
      const message = {
        from: config.MAIL_FROM,
        to: recipient.externalId,
        subject: email.subject,
        text: body.text,
        html: body.html,
        headers: { 'List-Unsubscribe': unsubscribe, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
      };
      return async () => {
        try {
          await mailer.send(message, email.fileName);
          return { ok: true };
        } catch (error) {
          return { ok: false, retryable: true, error: `mail: ${(error as Error).message}` };
        }
      };
    },
  };
}
