import { EventEmitter } from 'node:events';

/** What the live inbox (SSE) is told: the queue changed, or a customer's transcript grew. */
export type HandoffEvent = { kind: 'queue' } | { kind: 'message'; customerId: string };

/**
 * In-process: the inbox's server-sent events reach the browsers of agents signed in to this process.
 * A deployment with several web processes needs a shared bus (UNCONFIRMED need; see the README's handoff section).
 */
const bus = new EventEmitter();
bus.setMaxListeners(0);

export function publishHandoffEvent(event: HandoffEvent): void {
  bus.emit('handoff', event);
}

export function onHandoffEvent(listener: (event: HandoffEvent) => void): () => void {
  bus.on('handoff', listener);
  return () => bus.off('handoff', listener);
}
