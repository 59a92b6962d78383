/** The order lifecycle: which status may follow which, and when a customer may still cancel. */

export const ORDER_STATUSES = ['pending', 'placed', 'awaiting_payment', 'paid', 'packed', 'shipped', 'delivered', 'cancelled', 'returned', 'refunded', 'failed'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];

const NEXT_STATUSES: Record<OrderStatus, readonly OrderStatus[]> = {
  pending: ['placed', 'failed'],
  // With payments on: a declined card, a bank asking for authentication, or no card waits for the customer to pay by link, stock held.
  placed: ['paid', 'cancelled', 'awaiting_payment'],
  awaiting_payment: ['paid', 'cancelled'],
  paid: ['packed', 'cancelled'],
  packed: ['shipped', 'cancelled'],
  shipped: ['delivered', 'returned'],
  delivered: ['returned'],
  // Money goes back after a cancellation of a paid order or after the goods came back.
  cancelled: ['refunded'],
  returned: ['refunded'],
  refunded: [],
  failed: [],
};

export function canTransition(from: OrderStatus, to: OrderStatus): boolean {
  return NEXT_STATUSES[from].includes(to);
}

/** Customers cancel themselves only inside the window and before the order is packed; staff can cancel later. */
export function customerMayCancel(order: { status: OrderStatus; cancellableUntil?: Date | null }, now: Date): boolean {
  if (order.status !== 'placed' && order.status !== 'awaiting_payment' && order.status !== 'paid') return false;
  return !!order.cancellableUntil && now.getTime() <= order.cancellableUntil.getTime();
}

export function cancellableUntil(placedAt: Date, windowMinutes: number): Date {
  return new Date(placedAt.getTime() + windowMinutes * 60_000);
}

/**
 * The whole minutes left to cancel an order, as the shopper is told them: all of the window at the
 * yes that placed it, less for a yes that found it placed moments before (on another channel); at
 * least one, since such a yes comes within the read-back's few minutes and a window is longer.
 */
export function cancelMinutesLeft(order: { cancellableUntil?: Date | null }, windowMinutes: number, now: Date): number {
  if (!order.cancellableUntil) return windowMinutes;
  return Math.min(windowMinutes, Math.max(1, Math.floor((order.cancellableUntil.getTime() - now.getTime()) / 60_000)));
}

/**
 * Order numbers are six digits shown as "482-917": easy to say ("four eight two, nine one seven"),
 * to type on a phone keypad, and to read back. Uniqueness comes from the unique index (retry on clash).
 */
export function newOrderNumber(random: () => number = Math.random): string {
  const digits = String(100000 + Math.floor(random() * 900000));
  return `${digits.slice(0, 3)}-${digits.slice(3)}`;
}

/** Finds an order number in what someone typed or said: "order 482 917", "#482917", "482-917". */
export function parseOrderNumber(text: string): string | null {
  const match = /(?:^|\D)(\d{3})[\s-]?(\d{3})(?!\d)/.exec(text);
  return match ? `${match[1]}-${match[2]}` : null;
}

/** "4 8 2, 9 1 7": read digit by digit so a voice assistant does not say "four hundred eighty-two". */
export function speakOrderNumber(orderNumber: string): string {
  const [first = '', second = ''] = orderNumber.split('-');
  return `${first.split('').join(' ')}, ${second.split('').join(' ')}`;
}
