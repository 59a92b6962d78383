/**
 * Meta's standard messaging window (WhatsApp's customer service window, Messenger's and Instagram's
 * 24-hour window): free-form messages may be sent only within 24 hours of the customer's last inbound
 * message; outside it only approved templates (and, on Messenger, tagged updates) are delivered.
 */
export const SERVICE_WINDOW_MS = 24 * 60 * 60 * 1000;

export function isInsideServiceWindow(lastInboundAt: Date | null | undefined, now: Date): boolean {
  if (!lastInboundAt || Number.isNaN(lastInboundAt.getTime())) return false;
  return now.getTime() - lastInboundAt.getTime() < SERVICE_WINDOW_MS;
}

/**
 * Messenger's and Instagram's human agent window: with the HUMAN_AGENT tag a person may answer for 7
 * days after the customer's last message (the tag needs the Human Agent permission for the app).
 */
export const HUMAN_AGENT_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;

/** Whole days since the customer last wrote, for what an agent is told. */
export function daysSince(lastInboundAt: Date, now: Date): number {
  return Math.floor((now.getTime() - lastInboundAt.getTime()) / (24 * 60 * 60 * 1000));
}
