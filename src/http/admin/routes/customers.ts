import { Types } from 'mongoose';
import { z } from 'zod';
import { LOCAL_DATE_PATTERN } from '../../../core/campaign';
import { AppError } from '../../../core/errors';
import { removeCampaignMailFiles, removeReceiptFiles } from '../../../notify/receipts';
import { changeCustomerInterests, importEmailMarketingChoice, setBirthDate } from '../../../services/customers';
import { customerSummary, findCustomerIds } from '../../../store/admin-store';
import { eraseCustomerData, exportCustomerData } from '../../../store/personal-data';
import { defineRoute } from '../route-table';
import { customerIdParams, customerLookupQuery, interestChangeBody, interestsChanged } from '../schemas';

/** A real calendar date, not in the future, and not before 1900: what a date of birth can be. */
const birthDateBody = z
  .object({
    birthDate: z
      .string()
      .regex(LOCAL_DATE_PATTERN, 'YYYY-MM-DD')
      .refine((text) => {
        const at = Date.parse(`${text}T00:00:00Z`);
        return !Number.isNaN(at) && new Date(at).toISOString().startsWith(text);
      }, 'not a calendar date')
      .refine((text) => text >= '1900-01-01' && Date.parse(`${text}T00:00:00Z`) <= Date.now(), 'a date of birth between 1900 and today')
      .nullable(),
  })
  .strict();

const emailConsentBody = z
  .object({
    granted: z.boolean(),
    source: z.string().trim().min(3).max(200),
    wording: z.string().trim().min(3).max(1000),
    givenAt: z.iso.datetime({ offset: true }),
  })
  .strict()
  .refine((body) => Date.parse(body.givenAt) <= Date.now(), { message: 'givenAt is in the future', path: ['givenAt'] });

const erasureResult = z.object({ customerId: z.string(), ordersAnonymised: z.number().int(), removed: z.record(z.string(), z.number().int()) });

export const customerRoutes = [
  defineRoute({
    method: 'get',
    path: '/customers',
    operationId: 'findCustomers',
    summary: 'Find customers by one channel identity (channel + externalId), phone number or e-mail',
    tag: 'customers',
    query: customerLookupQuery,
    response: { description: '{ items }: the matching customers with their identities' },
    async handle({ query }) {
      const ids = await findCustomerIds(query);
      const items = (await Promise.all(ids.map((id) => customerSummary(id)))).filter((customer) => customer !== null);
      return { items };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/customers/:customerId',
    operationId: 'getCustomer',
    summary: 'One customer: profile (no secrets), channel identities, order count',
    tag: 'customers',
    params: customerIdParams,
    response: { description: 'The customer' },
    errors: ['NOT_FOUND'],
    async handle({ params }) {
      const customer = await customerSummary(new Types.ObjectId(params.customerId));
      if (!customer) throw new AppError('NOT_FOUND', `No customer ${params.customerId}.`);
      return customer;
    },
  }),
  defineRoute({
    method: 'put',
    path: '/customers/:customerId/birth-date',
    operationId: 'setCustomerBirthDate',
    summary: 'Set (or, with null, remove) a customer\'s date of birth, as staff verified it: age-restricted products check it, and a customer with a marketing opt-in gets a birthday message',
    tag: 'customers',
    params: customerIdParams,
    body: birthDateBody,
    response: { description: 'The customer' },
    errors: ['NOT_FOUND'],
    async handle({ params, body }) {
      const customerId = new Types.ObjectId(params.customerId);
      if (!(await setBirthDate(customerId, body.birthDate === null ? null : new Date(`${body.birthDate}T00:00:00Z`)))) throw new AppError('NOT_FOUND', `No customer ${params.customerId}.`);
      return customerSummary(customerId);
    },
  }),
  defineRoute({
    method: 'post',
    path: '/customers/:customerId/interests',
    operationId: 'changeCustomerInterests',
    summary: "Add and remove a customer's interest tags (lowercase, at most 20 per customer), as agents do in the inbox; campaigns can target them",
    tag: 'customers',
    params: customerIdParams,
    body: interestChangeBody,
    response: { description: "{ interests }: the customer's tags now" },
    errors: ['NOT_FOUND'],
    async handle({ params, body }) {
      return interestsChanged(await changeCustomerInterests(new Types.ObjectId(params.customerId), body));
    },
  }),
  defineRoute({
    method: 'post',
    path: '/customers/:customerId/email-consent',
    operationId: 'importEmailConsent',
    summary: "Import one customer's e-mail marketing opt-in or opt-out given elsewhere (a newsletter form): the words they agreed to, where (source) and when (givenAt); an opt-in needs an e-mail address on file; repeating the same import (a retry) records nothing more",
    tag: 'privacy',
    params: customerIdParams,
    body: emailConsentBody,
    response: { description: '{ recorded: true }', status: 201 },
    errors: ['NOT_FOUND', 'CONFLICT'],
    async handle({ params, body }) {
      const outcome = await importEmailMarketingChoice(new Types.ObjectId(params.customerId), { granted: body.granted, source: body.source, wording: body.wording, at: new Date(body.givenAt) });
      if (outcome === 'no-customer') throw new AppError('NOT_FOUND', `No customer ${params.customerId}.`);
      if (outcome === 'no-email') throw new AppError('CONFLICT', 'The customer has no e-mail address on file.');
      return { recorded: true };
    },
  }),
  defineRoute({
    method: 'get',
    path: '/customers/:customerId/export',
    operationId: 'exportCustomer',
    summary: 'Everything stored about one customer and the customers merged into them, as JSON, collection by collection (data subject access)',
    tag: 'privacy',
    params: customerIdParams,
    response: { description: '{ customerId, exportedAt, collections: { ModelName: [documents] } }' },
    errors: ['NOT_FOUND'],
    async handle({ params }) {
      const data = await exportCustomerData(new Types.ObjectId(params.customerId));
      if (!data) throw new AppError('NOT_FOUND', `Nothing is stored about customer ${params.customerId}.`);
      return data;
    },
  }),
  defineRoute({
    method: 'post',
    path: '/customers/:customerId/erase',
    operationId: 'eraseCustomer',
    summary: 'Erase a customer and every customer merged into them: orders anonymised (totals kept), receipt files and everything else about them deleted; idempotent',
    tag: 'privacy',
    params: customerIdParams,
    response: { description: 'What was anonymised and removed (all zero when already erased)', schema: erasureResult },
    handle: ({ params }, { config }) =>
      eraseCustomerData(new Types.ObjectId(params.customerId), { forgetOrders: (orderNumbers) => removeReceiptFiles(config, orderNumbers), forgetCustomer: (customerId) => removeCampaignMailFiles(config, customerId) }),
  }),
];
