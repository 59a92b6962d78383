import { randomUUID } from 'node:crypto';
import type { Channel } from '../core/channels';
import type { Logger } from '../logger';
import { inboundEvents } from '../metrics';
import { dueLanes, markDone, markParked, markRetry, pendingInLane, recordInboundEvent, startAttempt, type NewInboundEvent, type StoredInboundEvent } from '../store/inbound-store';
import { giveBackLease, takeLease } from '../store/lease';
import type { InboundHandler } from './adapter';
import { track } from './background';

export type InboundHandlers = Partial<Record<Channel, InboundHandler>>;

export interface InboundQueueOptions {
  /** Lanes (customers) worked at once by this process; 0: this process records only and never works. */
  concurrency?: number;
  /** Attempts before an event is parked with its last error. */
  maxAttempts?: number;
  /** How long a worker holds a customer's lane (and an event) before another may take it over. */
  leaseMs?: number;
  /** Backoff after a failed attempt: base × 2^(attempt-1), with jitter, at most 5 minutes. */
  retryBaseMs?: number;
  /** Test seam: the queue's clock (leases, due times), e.g. to be past a dead worker's lease. */
  clock?: () => Date;
  /** Test seam: runs before each handler, e.g. to make a turn fail. */
  beforeWork?: (event: StoredInboundEvent) => Promise<void> | void;
}

const MAX_BACKOFF_MS = 5 * 60_000;

/**
 * The inbound side of the messaging channels: webhooks record each event (the insert is the dedupe
 * claim) and acknowledge; workers in this or any other process work the events. Each customer is a
 * lane, worked by one worker at a time (a lease in the database) and in message order; a failed turn
 * is retried with backoff, a crashed one after its lease, and parked after the last attempt.
 */
export class InboundQueue {
  readonly owner = `${process.pid}:${randomUUID()}`;
  private handlers: InboundHandlers = {};
  private readonly concurrency: number;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly retryBaseMs: number;
  /** Lanes this process is working, and whether a nudge came in meanwhile (then the lane is worked again). */
  private readonly active = new Map<string, { again: boolean }>();
  /** Lanes waiting for a free slot, oldest first. */
  private readonly waiting = new Set<string>();
  private readonly now: () => Date;

  constructor(
    private readonly log: Logger,
    private readonly options: InboundQueueOptions = {},
  ) {
    this.concurrency = options.concurrency ?? 8;
    this.maxAttempts = options.maxAttempts ?? 5;
    this.leaseMs = options.leaseMs ?? 60_000;
    this.retryBaseMs = options.retryBaseMs ?? 2_000;
    this.now = options.clock ?? (() => new Date());
  }

  /** The channels' handlers; set once the channels are built (they share the app's dependencies). */
  useHandlers(handlers: InboundHandlers): void {
    this.handlers = handlers;
  }

  get works(): boolean {
    return this.concurrency > 0;
  }

  /**
   * Records parsed events (duplicates drop out here) and, when this process works, starts on their
   * lanes at once. Resolves once every event is durably recorded: only then may the webhook answer 200.
   */
  async record(events: NewInboundEvent[], now = this.now()): Promise<StoredInboundEvent[]> {
    const recorded: StoredInboundEvent[] = [];
    for (const event of events) {
      const stored = await recordInboundEvent(event, now);
      if (stored) recorded.push(stored);
    }
    for (const event of recorded) this.nudge(event.lane);
    return recorded;
  }

  /** Asks for a lane to be worked in this process soon (no-op when this process does not work). */
  nudge(lane: string): void {
    if (!this.works) return;
    const running = this.active.get(lane);
    if (running) {
      running.again = true;
      return;
    }
    if (this.active.size >= this.concurrency) {
      this.waiting.add(lane);
      return;
    }
    this.active.set(lane, { again: false });
    track(this.runLane(lane));
  }

  private async runLane(lane: string): Promise<void> {
    try {
      await this.workLane(lane);
    } catch (error) {
      this.log.warn({ err: error, lane: redactLane(lane) }, 'inbound lane failed; its events stay pending');
    } finally {
      const again = this.active.get(lane)?.again ?? false;
      this.active.delete(lane);
      // Started synchronously here, before this run settles, so a drain never sees a gap between the two.
      if (again) this.nudge(lane);
      const next = this.waiting.values().next();
      if (!next.done && this.active.size < this.concurrency) {
        this.waiting.delete(next.value);
        this.nudge(next.value);
      }
    }
  }

  /**
   * Under the lane's lease, works its due events oldest first. A retryable failure stops the lane (the
   * customer's later messages wait behind it); a parked event does not. After giving the lease back it
   * looks once more, so an event recorded while the lease was held is not left for the poll.
   */
  async workLane(lane: string): Promise<void> {
    const claimedAt = this.now();
    if (!(await takeLease(lane, this.owner, claimedAt, this.leaseMs))) return;
    let more = false;
    try {
      for (;;) {
        const now = this.now();
        // Keep well inside the lease: a long backlog is handed back and re-claimed.
        if (now.getTime() - claimedAt.getTime() > this.leaseMs / 2) {
          more = true;
          break;
        }
        const next = (await pendingInLane(lane))[0];
        if (!next || (next.dueAt && next.dueAt > now)) break;
        const result = await this.workEvent(next, now);
        inboundEvents.inc({ channel: next.channel, result });
        if (result === 'retry') break;
      }
    } finally {
      await giveBackLease(lane, this.owner, this.now());
    }
    if (!more) {
      const next = (await pendingInLane(lane))[0];
      more = next !== undefined && (!next.dueAt || next.dueAt <= this.now());
    }
    const running = this.active.get(lane);
    if (more && running) running.again = true;
  }

  private async workEvent(event: StoredInboundEvent, now: Date): Promise<'done' | 'retry' | 'parked'> {
    const attempt = event.attempts + 1;
    await startAttempt(event.key, attempt, now, this.leaseMs);
    try {
      const handler = this.handlers[event.channel];
      if (!handler) throw new Error(`no inbound handler for ${event.channel}`);
      await this.options.beforeWork?.(event);
      await handler(event);
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= this.maxAttempts) {
        this.log.error({ err: error, key: event.key, attempt }, 'inbound event parked after its last attempt');
        await markParked(event.key, this.now(), message);
        return 'parked';
      }
      const backoff = Math.min(MAX_BACKOFF_MS, this.retryBaseMs * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
      this.log.warn({ err: error, key: event.key, attempt }, 'inbound event failed; retrying');
      await markRetry(event.key, new Date(this.now().getTime() + backoff), message);
      return 'retry';
    }
    await markDone(event.key, this.now());
    return 'done';
  }

  /** Finds the lanes with due events (in this or any process's time buckets, store/inbound-store.ts) and works them. */
  async runDue(now = this.now()): Promise<number> {
    if (!this.works) return 0;
    const lanes = await dueLanes(now);
    for (const lane of lanes) this.nudge(lane);
    return lanes.size;
  }

  /** Polls on an interval until the returned function is called. */
  start(intervalMs: number): () => void {
    let polling = false;
    const timer = setInterval(() => {
      if (polling) return;
      polling = true;
      // Tracked, so a shutdown's drain waits for a poll in flight before the database closes.
      track(
        this.runDue()
          .then(() => undefined)
          .catch((error: unknown) => this.log.warn({ err: error }, 'inbound poll failed; retrying next interval'))
          .finally(() => {
            polling = false;
          }),
      );
    }, intervalMs);
    timer.unref();
    return () => clearInterval(timer);
  }
}

/** Lanes name a channel user; logs keep only the channel. */
function redactLane(lane: string): string {
  return lane.split(':')[0] ?? 'unknown';
}
