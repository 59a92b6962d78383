import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Stands in for Meta's Graph API and Alexa's directive service on 127.0.0.1: every POST succeeds
 * (200 with a message id, as the Send API answers), and each is counted by path.
 */
export interface FakeApi {
  url: string;
  /** Send API calls that carried a message (typing indicators are counted apart). */
  messagesSent(): number;
  /** Distinct users who were sent at least one message. */
  recipientsAnswered(): number;
  /** Messages sent, by recipient. */
  messagesByRecipient(): Map<string, number>;
  /** When the first and the last message to each recipient arrived (Date.now() of this process). */
  messageTimes(): Map<string, { firstAt: number; lastAt: number }>;
  requests(): number;
  /**
   * Resolves at the next message sent to `recipient` (a PSID or a WhatsApp number), or after
   * `timeoutMs` with false: how a closed-loop load test waits for its reply before writing again.
   */
  nextMessageTo(recipient: string, timeoutMs: number): Promise<boolean>;
  reset(): void;
  close(): Promise<void>;
}

export async function startFakeApi(): Promise<FakeApi> {
  let requests = 0;
  let messages = 0;
  const recipients = new Map<string, number>();
  const times = new Map<string, { firstAt: number; lastAt: number }>();
  const waiting = new Map<string, Set<(sent: boolean) => void>>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      requests++;
      const body = Buffer.concat(chunks).toString('utf8');
      if (req.url?.endsWith('/messages') && !body.includes('"sender_action"')) {
        messages++;
        const sent = safeJson(body);
        const recipient = sent?.recipient?.id ?? sent?.to;
        if (recipient) {
          recipients.set(recipient, (recipients.get(recipient) ?? 0) + 1);
          const now = Date.now();
          times.set(recipient, { firstAt: times.get(recipient)?.firstAt ?? now, lastAt: now });
          for (const wake of waiting.get(recipient) ?? []) wake(true);
        }
      }
      if (req.url?.startsWith('/v1/directives')) {
        res.writeHead(204).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ recipient_id: 'r', message_id: `m.${requests}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    messagesSent: () => messages,
    recipientsAnswered: () => recipients.size,
    messagesByRecipient: () => new Map(recipients),
    messageTimes: () => new Map(times),
    requests: () => requests,
    nextMessageTo: (recipient, timeoutMs) =>
      new Promise<boolean>((resolve) => {
        const waiters = waiting.get(recipient) ?? new Set();
        waiting.set(recipient, waiters);
        const wake = (sent: boolean) => {
          clearTimeout(timer);
          waiters.delete(wake);
          if (waiters.size === 0 && waiting.get(recipient) === waiters) waiting.delete(recipient);
          resolve(sent);
        };
        const timer = setTimeout(() => wake(false), timeoutMs);
        waiters.add(wake);
      }),
    reset: () => {
      requests = 0;
      messages = 0;
      recipients.clear();
      times.clear();
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function safeJson(text: string): { recipient?: { id?: string }; to?: string } | null {
  try {
    return JSON.parse(text) as { recipient?: { id?: string }; to?: string };
  } catch {
    return null;
  }
}
