import type { Totals } from './money';

/**
 * The Universal Commerce Protocol's wire format for our checkouts and orders (https://ucp.dev),
 * version 2026-04-08 as Google's native checkout documents it. Pure: built from our totals and lines.
 */

export const UCP_VERSION = '2026-04-08';
/** The channel id of orders placed through a UCP checkout. */
export const UCP_CHANNEL = 'ucp';

export const UCP_CAPABILITIES = {
  checkout: 'dev.ucp.shopping.checkout',
  order: 'dev.ucp.shopping.order',
  identityLinking: 'dev.ucp.common.identity_linking',
} as const;

export const ucpSpec = (page: string) => `https://ucp.dev/${UCP_VERSION}/specification/${page}`;
export const ucpSchema = (path: string) => `https://ucp.dev/${UCP_VERSION}/schemas/${path}`;

export interface UcpTotal {
  type: 'subtotal' | 'tax' | 'fulfillment' | 'total';
  amount: number;
  display_text?: string;
}

/** Our totals as UCP's: integer minor units, delivery as the fulfillment total. */
export function ucpTotals(totals: Totals): UcpTotal[] {
  return [
    { type: 'subtotal', amount: totals.subtotalMinor },
    { type: 'tax', amount: totals.taxMinor },
    { type: 'fulfillment', amount: totals.deliveryFeeMinor, display_text: 'Delivery' },
    { type: 'total', amount: totals.totalMinor },
  ];
}

export interface UcpLineSource {
  sku: string;
  name: string;
  quantity: number;
  unitPriceMinor: number;
}

/** Line item ids are positional (`li_1`...): a session's lines are replaced whole by each update. */
export const ucpLineItemId = (index: number) => `li_${index + 1}`;

export function ucpLineItem(line: UcpLineSource, index: number) {
  return {
    id: ucpLineItemId(index),
    item: { id: line.sku, title: line.name, price: line.unitPriceMinor },
    quantity: line.quantity,
    totals: [{ type: 'subtotal', amount: line.unitPriceMinor * line.quantity }],
  };
}

export type UcpMessageType = 'error' | 'warning' | 'info';
export type UcpSeverity = 'recoverable' | 'requires_buyer_input' | 'requires_buyer_review' | 'unrecoverable';

export interface UcpMessage {
  type: UcpMessageType;
  code: string;
  content: string;
  path?: string;
  severity?: UcpSeverity;
}
