import { EventEmitter } from 'node:events';
import { repeatEvery } from '../../repeat';
import { bumpHandoffSignal, handoffSignals } from '../../store/handoff-store';

/** What the live inbox (SSE) is told: the queue changed, or a transcript grew. It names nothing, so no agent learns of conversations they may not see. */
export type HandoffEvent = { kind: 'queue' | 'message' };

const KINDS: readonly HandoffEvent['kind'][] = ['queue', 'message'];

/**
 * The agents' browsers listen to the process they are connected to, while the event may happen in
 * any process (a shopper's message is worked wherever its webhook landed). So each event is told to
 * this process's listeners at once and counted in a shared signal (one write); a process with
 * listeners polls the signals (one read of two documents per interval, however many agents) and tells
 * its listeners of what other processes counted since.
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);
/** The count of each kind this process has told its listeners of (or had when it began polling). */
const told = new Map<string, number>();
let listeners = 0;
let stopPolling: (() => Promise<void>) | null = null;
/** Resolves once this process knows where the counts stood when its first listener came. */
let listening: Promise<void> = Promise.resolve();

/** How often a process with listeners looks for events of other processes. */
export const HANDOFF_EVENT_POLL_MS = 2_000;

export async function publishHandoffEvent(event: HandoffEvent): Promise<void> {
  bus.emit('handoff', event);
  let seq: number;
  try {
    seq = await bumpHandoffSignal(event.kind);
  } catch {
    // What the event is about is already saved: a lost count only leaves other processes' agents to see it on their next read.
    return;
  }
  // Told here already; a count another process moved meanwhile is left for the poll to tell.
  if (told.get(event.kind) === seq - 1) told.set(event.kind, seq);
}

export interface HandoffSubscription {
  stop(): void;
  /** Resolves once events of other processes are heard: those counted before it are not told. */
  ready: Promise<void>;
}

export function onHandoffEvent(listener: (event: HandoffEvent) => void, pollMs = HANDOFF_EVENT_POLL_MS): HandoffSubscription {
  bus.on('handoff', listener);
  if (listeners++ === 0) {
    // Where the counts stand as listening begins: only what is counted after it is told. A failed read leaves the first poll to set them.
    listening = readSignals(false).catch(() => undefined);
    const baseline = listening;
    stopPolling = repeatEvery(pollMs, () => baseline.then(() => readSignals(true)), () => undefined);
  }
  let stopped = false;
  return {
    ready: listening,
    stop() {
      if (stopped) return;
      stopped = true;
      bus.off('handoff', listener);
      if (--listeners === 0) {
        void stopPolling?.();
        stopPolling = null;
      }
    },
  };
}

async function readSignals(tell: boolean): Promise<void> {
  const counts = new Map((await handoffSignals(KINDS)).map(({ kind, seq }) => [kind, seq]));
  for (const kind of KINDS) {
    const seq = counts.get(kind) ?? 0;
    const before = told.get(kind) ?? 0;
    told.set(kind, seq);
    if (tell && seq > before) bus.emit('handoff', { kind });
  }
}
