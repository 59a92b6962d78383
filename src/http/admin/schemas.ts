import { z } from 'zod';
import { isRegisteredChannel, registeredChannels } from '../../channels/registry';
import { MAX_REPORT_DAYS, reportDays } from '../../core/insights';
import { isInterestTag, MAX_INTEREST_LENGTH, MAX_INTERESTS, normalizeInterest } from '../../core/interests';
import { AppError } from '../../core/errors';
import { ORDER_STATUSES } from '../../core/order-rules';
import type { InterestChange } from '../../services/customers';

export const skuParam = z.string().regex(/^[A-Z0-9][A-Z0-9-]{0,39}$/, 'a sku is 1-40 uppercase letters, digits and dashes');

const wholeMinorUnits = z.number().int('a whole number of minor units').min(0);

export const productBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    category: z.string().trim().min(1).max(60),
    description: z.string().max(1000).default(''),
    synonyms: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
    priceMinor: wholeMinorUnits,
    currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code such as USD'),
    stock: z.number().int().min(0).optional(),
    restrictions: z
      .object({ minimumAge: z.number().int().min(0).max(120).optional(), notSoldByVoice: z.boolean().optional(), reason: z.string().max(200).optional() })
      .strict()
      .optional(),
    rating: z.number().min(0).max(5).optional(),
    reviewCount: z.number().int().min(0).optional(),
    reviewSummary: z.string().max(500).optional(),
    imageUrl: z.url().optional(),
    giftAges: z.object({ min: z.number().int().min(0), max: z.number().int().max(120) }).strict().optional(),
    tags: z.array(z.string().min(1).max(40)).max(20).default([]),
    active: z.boolean().default(true),
  })
  .strict();

// ---- Route inputs: every params, query and body object is `.strict()`: an unknown field is a 400. ----

export const skuParams = z.object({ sku: skuParam }).strict();

const objectId = z.string().regex(/^[0-9a-f]{24}$/, 'a 24-character hex id');
export const customerIdParams = z.object({ customerId: objectId }).strict();

export const orderNumberParam = z.string().regex(/^\d{3}-\d{3}$/, 'an order number such as 123-456');
export const orderNumberParams = z.object({ orderNumber: orderNumberParam }).strict();

const paging = {
  page: z.coerce.number().int().min(1).max(10_000).default(1).describe('1-based page number'),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
};

export const parkedInboundQuery = z.object({ ...paging }).strict();

const trueOrFalse = z.enum(['true', 'false']).transform((value) => value === 'true');

export const productListQuery = z
  .object({
    ...paging,
    category: z.string().trim().min(1).max(60).optional(),
    active: trueOrFalse.optional(),
    q: z.string().trim().min(1).max(60).optional().describe('part of the name or sku, any case'),
  })
  .strict();

const DAY_MS = 86_400_000;
const dateOrInstant = z.union([z.iso.date(), z.iso.datetime({ offset: true })]);
/** A calendar date (its midnight UTC) or an exact instant. */
const instant = dateOrInstant.transform((value) => new Date(value));
/** An exclusive end: a bare date means the end of that day, so `to=2026-11-23` includes the 23rd. */
const instantEnd = dateOrInstant.transform((value) => new Date(new Date(value).getTime() + (value.length === 10 ? DAY_MS : 0)));

export const orderListQuery = z
  .object({
    ...paging,
    status: z.enum(ORDER_STATUSES).optional(),
    customerId: objectId.optional(),
    from: instant.optional().describe('placed at or after'),
    to: instantEnd.optional().describe('placed before (a bare date includes that whole day)'),
  })
  .strict();

export const customerLookupQuery = z
  .object({
    channel: z
      .string()
      .refine(isRegisteredChannel, { error: () => `expected one of ${registeredChannels().map((adapter) => adapter.id).join(', ')}` })
      .optional(),
    externalId: z.string().min(1).max(200).optional().describe('the channel user id; with channel'),
    phone: z.string().regex(/^\+?[0-9]{6,16}$/, 'digits, optionally with a leading +').optional(),
    email: z.email().optional(),
  })
  .strict()
  .refine((q) => [q.externalId, q.phone, q.email].filter(Boolean).length === 1, 'give exactly one of externalId (with channel), phone or email')
  .refine((q) => !q.externalId || q.channel, { message: 'externalId needs channel', path: ['channel'] });

export const importedProduct = productBody.extend({ sku: skuParam }).strict();
export const productImportBody = z
  .object({ products: z.array(importedProduct).min(1).max(5000) })
  .strict();

const utcDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a UTC day such as 2026-12-01');

/** A report's range of whole UTC days, `from` to `to` inclusive: refine the query with `withinReportRange`. */
export const utcDayRange = { from: utcDay, to: utcDay };

/** Calendar days, `from` not after `to`, at most `MAX_REPORT_DAYS` (a report's figures are read by equality on each day); else a 400 naming the rule. */
export const withinReportRange: [(query: { from: string; to: string }) => boolean, { message: string; path: string[] }] = [
  (query) => reportDays(query.from, query.to) !== null,
  { message: `calendar days, from not after to, at most ${MAX_REPORT_DAYS} days`, path: ['to'] },
];

/** One interest tag as typed (normalized: lower case, inner spaces as '-'), then checked against `core/interests.ts`. */
export const interestTag = z
  .string()
  .max(MAX_INTEREST_LENGTH * 2)
  .transform(normalizeInterest)
  .refine(isInterestTag, `an interest is 1-${MAX_INTEREST_LENGTH} lowercase letters, digits, ':', '-' or '_'`);

/** Tags to add to a customer and tags to remove (the inbox and the admin API send the same body). */
export const interestChangeBody = z
  .object({ add: z.array(interestTag).max(MAX_INTERESTS).default([]), remove: z.array(interestTag).max(MAX_INTERESTS).default([]) })
  .strict()
  .refine((body) => body.add.length > 0 || body.remove.length > 0, 'add or remove at least one interest');

/** A change of interests as the answer both routes give: the tags now, or the catalog error. */
export function interestsChanged(outcome: InterestChange): { interests: string[] } {
  if (outcome.ok) return { interests: outcome.interests };
  if (outcome.code === 'NOT_FOUND') throw new AppError('NOT_FOUND', 'No such customer.');
  throw new AppError('VALIDATION_FAILED', `A customer has at most ${MAX_INTERESTS} interests: remove one first.`, [{ in: 'body', path: 'add', message: `more than ${MAX_INTERESTS} interests` }]);
}
