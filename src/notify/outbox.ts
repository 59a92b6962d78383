import type { HoldResult, OutboxJobContext, OutboxSender, SendResult } from '../channels/adapter';
import type { Logger } from '../logger';
import { outboxSends } from '../metrics';
import { claimJob, deferJob, dueJobs, enqueueJob, findJob, recordOutcome, saveProgress, type NewOutboxJob } from '../store/outbox-store';
import { repeatEvery } from '../repeat';

export interface OutboxOptions {
  maxAttempts?: number;
  leaseMs?: number;
  baseBackoffMs?: number;
}

const MAX_BACKOFF_MS = 10 * 60_000;

/**
 * Everything that must not be lost goes out through here: replies and notifications are queued once
 * per cause, sent in order (a retry resumes after the messages already sent), retried with backoff and
 * jitter on retryable errors (a platform's retry delay honoured), and left dead with the last error
 * after the final attempt or on a permanent error. Claims make two workers never send a job at once.
 */
export class OutboxDispatcher {
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly baseBackoffMs: number;

  constructor(
    private readonly senders: Record<string, OutboxSender>,
    private readonly log: Logger,
    options: OutboxOptions = {},
  ) {
    this.maxAttempts = options.maxAttempts ?? 6;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.baseBackoffMs = options.baseBackoffMs ?? 2_000;
  }

  /** Queues a job (once per key) and tries to send it straight away. */
  async enqueue(job: NewOutboxJob, now = new Date()): Promise<void> {
    if (await enqueueJob(job, now)) await this.trySend(job.jobKey, now);
  }

  /**
   * For when the outbox itself is out of reach (the database is down): one best-effort attempt,
   * no retry and no record. Only for messages whose loss is harmless, such as "try again shortly".
   */
  async sendUnqueued(kind: string, payload: unknown, now = new Date()): Promise<boolean> {
    const sender = this.senders[kind];
    if (!sender) return false;
    for (let index = 0; index < sender.messageCount(payload); index++) {
      const result = await sender.send(payload, index, now).catch((error: unknown): SendResult => ({ ok: false, retryable: true, error: (error as Error).message }));
      if (!('ok' in result) || !result.ok) {
        this.log.warn({ kind, error: 'error' in result ? result.error : result.reason }, 'unqueued send failed');
        return false;
      }
    }
    return true;
  }

  /** Sends every job that is due; what a worker runs on its interval. */
  async runDue(now = new Date(), limit = 50): Promise<number> {
    let sent = 0;
    for (const job of await dueJobs(now, limit)) if ((await this.trySend(job.jobKey, now)) === 'sent') sent++;
    return sent;
  }

  async trySend(jobKey: string, now = new Date()): Promise<'sent' | 'retry' | 'dead' | 'withheld' | 'deferred' | 'skipped'> {
    const job = await findJob(jobKey);
    if (!job || job.status !== 'pending' || job.nextAttemptAt > now) return 'skipped';
    if (!(await claimJob(jobKey, now, this.leaseMs))) return 'skipped';

    const sender = this.senders[job.kind];
    if (!sender) {
      await recordOutcome(jobKey, 'dead', { now, error: `no sender for ${job.kind}` });
      outboxSends.inc({ kind: 'unknown', result: 'dead' });
      return 'dead';
    }
    const result = await this.sendClaimed(job, sender, now);
    outboxSends.inc({ kind: job.kind, result });
    return result;
  }

  private async sendClaimed(job: NonNullable<Awaited<ReturnType<typeof findJob>>>, sender: OutboxSender, now: Date): Promise<'sent' | 'retry' | 'dead' | 'withheld' | 'deferred'> {
    const { jobKey } = job;
    const total = sender.messageCount(job.payload);
    const context: OutboxJobContext = { jobKey, attempts: job.attempts, progress: job.progress, requestedBy: job.requestedBy ?? undefined };
    for (let index = job.progress; index < total; index++) {
      const result = await sender.send(job.payload, index, now, context).catch((error: unknown): SendResult => ({ ok: false, retryable: true, error: (error as Error).message }));
      if ('hold' in result) return this.held(jobKey, result, now);
      if (!result.ok) return this.failed(jobKey, job.attempts + 1, result, now);
      await saveProgress(jobKey, index + 1);
    }
    await recordOutcome(jobKey, 'sent', { now });
    return 'sent';
  }

  private async held(jobKey: string, result: HoldResult, now: Date): Promise<'withheld' | 'deferred'> {
    this.log.info({ jobKey, hold: result.hold, reason: result.reason }, 'outbox job held');
    if (result.hold === 'withheld') {
      await recordOutcome(jobKey, 'withheld', { now, error: result.reason });
      return 'withheld';
    }
    await deferJob(jobKey, result.until, result.reason, now);
    return 'deferred';
  }

  private async failed(jobKey: string, attempt: number, result: Extract<SendResult, { ok: false }>, now: Date): Promise<'retry' | 'dead'> {
    if (!result.retryable || attempt >= this.maxAttempts) {
      this.log.warn({ jobKey, attempt, error: result.error }, 'outbox job dead');
      await recordOutcome(jobKey, 'dead', { now, error: result.error });
      return 'dead';
    }
    const backoff = Math.min(MAX_BACKOFF_MS, this.baseBackoffMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
    const delay = Math.max(backoff, result.retryAfterMs ?? 0);
    await recordOutcome(jobKey, 'retry', { now, error: result.error, nextAttemptAt: new Date(now.getTime() + delay) });
    return 'retry';
  }

  /**
   * Runs `runDue` on an interval (a run still going skips the tick) until the returned function is
   * called; that resolves once the run in flight has finished, so a shutdown waits for the jobs it is
   * sending (and the insight counts they take) before the counts are flushed and the database closes.
   */
  start(intervalMs: number): () => Promise<void> {
    return repeatEvery(
      intervalMs,
      async () => {
        await this.runDue();
      },
      (error) => this.log.warn({ err: error }, 'outbox run failed; retrying next interval'),
    );
  }
}
