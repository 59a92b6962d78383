import { z } from 'zod';
import { DISCOUNT_CODE_PATTERN } from '../../../core/discount';
import { AppError } from '../../../core/errors';
import { createDiscount, describeDiscount, setDiscountActive } from '../../../services/discounts';
import { defineRoute } from '../route-table';

const codeParams = z.object({ code: z.string().regex(DISCOUNT_CODE_PATTERN, 'upper-case letters and digits, 3 to 24') }).strict();

const discountBody = z
  .object({
    code: z.string().regex(DISCOUNT_CODE_PATTERN, 'upper-case letters and digits, 3 to 24'),
    percentBasisPoints: z.number().int().min(1).max(10_000).optional(),
    amountMinor: z.number().int().min(1).optional(),
    minimumBasketMinor: z.number().int().min(0).default(0),
    validFrom: z.coerce.date().optional(),
    validUntil: z.coerce.date().optional(),
    skus: z.array(z.string().min(1).max(64)).max(500).default([]),
    categories: z.array(z.string().min(1).max(64)).max(100).default([]),
    usage: z.discriminatedUnion('kind', [z.object({ kind: z.literal('once-per-customer') }).strict(), z.object({ kind: z.literal('capped'), cap: z.number().int().min(1).max(1_000_000) }).strict()]),
    active: z.boolean().default(true),
  })
  .strict()
  .refine((body) => (body.percentBasisPoints === undefined) !== (body.amountMinor === undefined), { message: 'give exactly one of percentBasisPoints and amountMinor' })
  .refine((body) => !body.validFrom || !body.validUntil || body.validFrom < body.validUntil, { message: 'validFrom must be before validUntil' });

const activeBody = z.object({ active: z.boolean() }).strict();

export const discountRoutes = [
  defineRoute({
    method: 'post',
    path: '/discounts',
    operationId: 'createDiscount',
    summary: 'Create a discount code: percent (basis points) or a fixed amount, optional minimum basket, dates, skus or categories, once per customer or a usage cap',
    tag: 'marketing',
    body: discountBody,
    response: { description: 'The code as stored', status: 201 },
    errors: ['CONFLICT'],
    async handle({ body }, { config }) {
      const { percentBasisPoints, amountMinor, ...rest } = body;
      const created = await createDiscount({
        ...rest,
        kind: percentBasisPoints !== undefined ? 'percent' : 'fixed',
        percentBasisPoints: percentBasisPoints ?? null,
        amountMinor: amountMinor ?? null,
        currency: config.CURRENCY,
      });
      if (!created) throw new AppError('CONFLICT', `A discount code ${body.code} exists already.`);
      return describeDiscount(body.code);
    },
  }),
  defineRoute({
    method: 'get',
    path: '/discounts/:code',
    operationId: 'getDiscount',
    summary: 'A discount code with its terms and, for a capped code, its uses so far',
    tag: 'marketing',
    params: codeParams,
    response: { description: 'The code' },
    errors: ['NOT_FOUND'],
    async handle({ params }) {
      const discount = await describeDiscount(params.code);
      if (!discount) throw new AppError('NOT_FOUND', `No discount code ${params.code}.`);
      return discount;
    },
  }),
  defineRoute({
    method: 'put',
    path: '/discounts/:code/active',
    operationId: 'setDiscountActive',
    summary: 'Withdraw a discount code or bring it back; carts holding it hear it no longer applies at their read-back',
    tag: 'marketing',
    params: codeParams,
    body: activeBody,
    response: { description: 'The code' },
    errors: ['NOT_FOUND'],
    async handle({ params, body }) {
      if (!(await setDiscountActive(params.code, body.active))) throw new AppError('NOT_FOUND', `No discount code ${params.code}.`);
      return describeDiscount(params.code);
    },
  }),
];
