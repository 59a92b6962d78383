import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Types } from 'mongoose';
import nodemailer, { type SendMailOptions, type Transporter } from 'nodemailer';
import type { Config } from '../config';
import { messagesFor, supportedLocale } from '../conversation/locales';
import { formatMoney } from '../core/money';
import { notificationRecipient, orderForNotification, type ReceiptPayload } from '../services/notifications';
import type { HoldResult, OutboxSender, SendResult } from '../channels/adapter';

/**
 * E-mail receipts through nodemailer. SMTP_URL picks the transport: smtp:// or smtps:// sends for real;
 * json: (the default) and file:<folder> never touch the network and write each receipt to a file
 * (DATA_DIR/mail for json:), named after the order so a resend overwrites rather than duplicates.
 */

export interface Mailer {
  send(message: SendMailOptions, name: string): Promise<void>;
}

/** Where the file transports write receipts; null when they go out by SMTP (and leave nothing here). */
function receiptFolder(config: Config): { folder: string; extension: 'json' | 'eml' } | null {
  if (config.SMTP_URL.startsWith('json:')) return { folder: path.join(config.DATA_DIR, 'mail'), extension: 'json' };
  if (config.SMTP_URL.startsWith('file:')) return { folder: config.SMTP_URL.slice('file:'.length) || path.join(config.DATA_DIR, 'mail'), extension: 'eml' };
  return null;
}

function receiptFileName(orderNumber: string): string {
  return `receipt-${orderNumber}`;
}

/** Every folder a file transport may have written mail to. */
function mailFolders(config: Config): Set<string> {
  const written = receiptFolder(config);
  return new Set([path.join(config.DATA_DIR, 'mail'), ...(written ? [written.folder] : [])]);
}

/**
 * Erasure: the receipt files of these orders (they carry the e-mail address and name) are deleted,
 * whichever file transport wrote them. Returns how many were there.
 */
export async function removeReceiptFiles(config: Config, orderNumbers: readonly string[]): Promise<number> {
  let removed = 0;
  for (const folder of mailFolders(config)) {
    for (const orderNumber of orderNumbers) {
      for (const extension of ['json', 'eml']) {
        const file = path.join(folder, `${receiptFileName(orderNumber)}.${extension}`);
        const existed = await rm(file).then(
          () => true,
          (error: NodeJS.ErrnoException) => {
            if (error.code === 'ENOENT') return false;
            throw error;
          },
        );
        if (existed) removed++;
      }
    }
  }
  return removed;
}

/** Erasure: the campaign e-mails a file transport wrote to this customer (`campaign-<campaign>-<customer>`, notify/campaign-email.ts). */
export async function removeCampaignMailFiles(config: Config, customerId: string): Promise<number> {
  let removed = 0;
  for (const folder of mailFolders(config)) {
    const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return [];
      throw error;
    });
    for (const name of names) {
      if (/^campaign-[A-Za-z0-9_-]+-([0-9a-f]{24})\.(json|eml)$/.exec(name)?.[1] !== customerId) continue;
      await rm(path.join(folder, name), { force: true });
      removed++;
    }
  }
  return removed;
}

export function mailerFor(config: Config): Mailer {
  const files = receiptFolder(config);
  if (files) {
    const asJson = files.extension === 'json';
    const folder = files.folder;
    const transport: Transporter = asJson ? nodemailer.createTransport({ jsonTransport: true }) : nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    return {
      async send(message, name) {
        const info = (await transport.sendMail(message)) as { message: string | Buffer };
        await mkdir(folder, { recursive: true });
        await writeFile(path.join(folder, `${name}.${files.extension}`), info.message);
      },
    };
  }
  const transport = nodemailer.createTransport(config.SMTP_URL);
  return {
    async send(message) {
      await transport.sendMail(message);
    },
  };
}

export interface ReceiptContent {
  subject: string;
  text: string;
}

/** The receipt in the customer's language: seller, order number, each line, taxes, delivery and the total, and how to cancel. */
export function receiptContent(order: NonNullable<Awaited<ReturnType<typeof orderForNotification>>>, customerName: string, locale = 'en-US'): ReceiptContent {
  const words = messagesFor(locale).receipt;
  const money = (minor: number) => formatMoney(minor, order.currency, supportedLocale(locale));
  const lines = order.lines.map((line) => `  ${line.quantity} x ${line.name} (${line.sku}) @ ${money(line.unitPriceMinor)} = ${money(line.lineTotalMinor)}`);
  const cancel = order.cancellableUntil ? [words.cancelUntil(order.cancellableUntil.toISOString())] : [];
  const text = [
    words.greeting(customerName),
    '',
    words.thanks(order.orderNumber, order.sellerName),
    '',
    ...lines,
    '',
    `${words.subtotal}: ${money(order.subtotalMinor)}`,
    `${words.tax}: ${money(order.taxMinor)}`,
    `${words.delivery}: ${money(order.deliveryFeeMinor)}`,
    `${words.total}: ${money(order.totalMinor)}`,
    '',
    ...cancel,
    words.soldBy(order.sellerName),
  ].join('\n');
  return { subject: words.subject(order.sellerName, order.orderNumber), text };
}

/** The outbox sender for 'receipt' jobs. A mail error is retried like any other send. */
export function receiptSender(config: Config, mailer: Mailer = mailerFor(config)): OutboxSender {
  return {
    messageCount: () => 1,
    async send(rawPayload): Promise<SendResult | HoldResult> {
      const payload = rawPayload as ReceiptPayload;
      const order = await orderForNotification(new Types.ObjectId(payload.orderId));
      if (!order) return { hold: 'withheld', reason: `order ${payload.orderNumber} no longer exists` };
      const recipient = await notificationRecipient(order.customerId);
      if (!recipient?.customer.email) return { hold: 'withheld', reason: 'no e-mail address on file' };
      const content = receiptContent(order, recipient.customer.displayName ?? '', recipient.customer.locale ?? 'en-US');
      try {
        await mailer.send({ from: config.MAIL_FROM, to: recipient.customer.email, subject: content.subject, text: content.text }, receiptFileName(order.orderNumber));
        return { ok: true };
      } catch (error) {
        return { ok: false, retryable: true, error: `mail: ${(error as Error).message}` };
      }
    },
  };
}
