import { Types } from 'mongoose';
import { z } from 'zod';
import { AppError } from '../../../core/errors';
import { removeCampaignMailFiles, removeReceiptFiles } from '../../../notify/receipts';
import { changeCustomerInterests, importEmailMarketingChoice } from '../../../services/customers';
import { customerSummary, findCustomerIds } from '../../../store/admin-store';
import { eraseCustomerData, exportCustomerData } from '../../../store/personal-data';
import { defineRoute } from '../route-table';
import { customerIdParams, customerLookupQuery, interestChangeBody, interestsChanged } from '../schemas';

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
    summary: "Import one customer's e-mail marketing opt-in or opt-out given elsewhere (a newsletter form): the words they agreed to, where (source) and when (givenAt); an opt-in needs an e-mail address on file",
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
