import { z } from 'zod';
import { EMAIL_CHANNEL, LOCAL_DATE_PATTERN, LOCAL_TIME_PATTERN } from '../../../core/campaign';
import { AppError, type ErrorCode } from '../../../core/errors';
import { MAX_INTERESTS } from '../../../core/interests';
import { CAMPAIGN_CHANNELS, campaignReport, changeCampaign, createCampaign, findCampaign, previewCampaign, startCampaign, TEST_SENDS_PER_CAMPAIGN_PER_HOUR, testSendCampaign } from '../../../services/campaigns';
import { defineRoute } from '../route-table';
import type { Config } from '../../../config';
import { outboundPolicySettings, phoneNumberAllowed } from '../../../notify/send-policy';
import { interestTag } from '../schemas';

/** The refusal of a test send over the hourly allowance (the admin API and the dashboard say the same). */
export const TEST_SENDS_USED_UP = `This campaign's ${TEST_SENDS_PER_CAMPAIGN_PER_HOUR} test sends of this hour are used up; try again next hour.`;

const idParams = z.object({ campaignId: z.string().regex(/^[A-Za-z0-9_-]{16}$/) }).strict();

const campaignBody = z
  .object({
    name: z.string().trim().min(1).max(120),
    channels: z.array(z.enum(CAMPAIGN_CHANNELS)).min(1).max(CAMPAIGN_CHANNELS.length),
    text: z.string().trim().min(1).max(600),
    emailSubject: z.string().trim().min(1).max(150).regex(/^[^\p{Cc}]*$/u, 'one line, no control characters').optional(),
    whatsappTemplate: z.string().regex(/^[a-z0-9_]{1,512}$/, 'a WhatsApp template name (lowercase letters, digits, underscores)').optional(),
    linkTarget: z.url({ protocol: /^https?$/ }).max(2000).optional(),
    audience: z
      .object({
        locale: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/).optional(),
        boughtSku: z.string().min(1).max(64).optional(),
        boughtCategory: z.string().trim().min(1).max(60).optional(),
        lastOrderBefore: z.string().regex(LOCAL_DATE_PATTERN, 'YYYY-MM-DD (a UTC day: the last order was placed before it)').optional(),
        lastOrderAfter: z.string().regex(LOCAL_DATE_PATTERN, 'YYYY-MM-DD (a UTC day: the last order was placed after it)').optional(),
        interests: z.array(interestTag).min(1).max(MAX_INTERESTS).optional(),
        cartAbandoners: z.boolean().optional(),
      })
      .strict()
      .refine((audience) => !audience.lastOrderBefore || !audience.lastOrderAfter || audience.lastOrderAfter < audience.lastOrderBefore, { message: 'lastOrderAfter must be a day before lastOrderBefore', path: ['lastOrderAfter'] })
      .default({}),
    sendDate: z.string().regex(LOCAL_DATE_PATTERN, 'YYYY-MM-DD'),
    sendTime: z.string().regex(LOCAL_TIME_PATTERN, 'HH:MM, 24-hour, in each customer\'s time zone'),
  })
  .strict()
  .refine((body) => !body.channels.includes('whatsapp') || body.whatsappTemplate, { message: 'a WhatsApp campaign needs its approved MARKETING template (whatsappTemplate)' })
  .refine((body) => !body.channels.includes(EMAIL_CHANNEL) || body.emailSubject, { message: 'an e-mail campaign needs its subject (emailSubject)' });

const testBody = z.object({ staffNumber: z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 phone number') }).strict();

async function existing(campaignId: string) {
  const campaign = await findCampaign(campaignId);
  if (!campaign) throw new AppError('NOT_FOUND', `No campaign ${campaignId}.`);
  return campaign;
}

/** A campaign action's outcome, or its refusal as the error the API and the dashboard answer with: no such campaign, or `whenRefused`. */
export function unlessRefused<Outcome extends { ok: true } | { ok: false; code: ErrorCode }>(outcome: Outcome, whenRefused: string): Extract<Outcome, { ok: true }> {
  if (!outcome.ok) {
    const { code } = outcome as { ok: false; code: ErrorCode };
    throw new AppError(code, code === 'NOT_FOUND' ? 'No such campaign.' : whenRefused);
  }
  return outcome as Extract<Outcome, { ok: true }>;
}

/**
 * A test send to a staff number, for the admin API and the dashboard alike. A number in a country
 * messages may not go to is refused here (400), before anything is queued or a test send is used up;
 * the sender asks the whole outbound policy again (a STOP from the number) when it goes.
 */
export async function queueTestSend(config: Config, campaignId: string, staffNumber: string): Promise<void> {
  if (!phoneNumberAllowed(staffNumber, outboundPolicySettings(config).allowedPrefixes)) {
    throw new AppError('VALIDATION_FAILED', 'Test sends go only to numbers in the countries messages may go to (OUTBOUND_COUNTRY_PREFIXES).', [{ in: 'body', path: 'staffNumber', message: 'country not allowed' }]);
  }
  unlessRefused(await testSendCampaign(campaignId, staffNumber, new Date()), TEST_SENDS_USED_UP);
}

const NOT_NOW = 'The campaign is not in a state that allows this.';

const action = (name: 'pause' | 'resume' | 'cancel', summary: string) =>
  defineRoute({
    method: 'post',
    path: `/campaigns/:campaignId/${name}`,
    operationId: `${name}Campaign`,
    summary,
    tag: 'marketing',
    params: idParams,
    response: { description: 'The campaign' },
    errors: ['NOT_FOUND', 'INVALID_STATUS_CHANGE'],
    handle: async ({ params }) => unlessRefused(await changeCampaign(params.campaignId, name), NOT_NOW).campaign,
  });

export const campaignRoutes = [
  defineRoute({
    method: 'post',
    path: '/campaigns',
    operationId: 'createCampaign',
    summary: 'Create a campaign (a draft): channels in order of preference, wording, optional short-link target, audience filters (locale, bought a sku or a category, last order before or after a UTC day, any of some interests, cart abandoners), local send date and time',
    tag: 'marketing',
    body: campaignBody,
    response: { description: 'The campaign, with its campaignId', status: 201 },
    handle: async ({ body }) => createCampaign(body),
  }),
  defineRoute({
    method: 'get',
    path: '/campaigns/:campaignId',
    operationId: 'getCampaign',
    summary: 'A campaign with its figures: sends per channel, clicks, attributed orders and revenue (7 days after a click)',
    tag: 'marketing',
    params: idParams,
    response: { description: 'The campaign and its report' },
    errors: ['NOT_FOUND'],
    handle: async ({ params }) => ({ campaign: await existing(params.campaignId), report: await campaignReport(params.campaignId) }),
  }),
  defineRoute({
    method: 'get',
    path: '/campaigns/:campaignId/preview',
    operationId: 'previewCampaign',
    summary: 'How many customers the campaign would reach on each channel now (marketing opt-in on that channel, filters)',
    tag: 'marketing',
    params: idParams,
    response: { description: '{ audience: { <channel>: count } }' },
    errors: ['NOT_FOUND'],
    async handle({ params }) {
      const audience = await previewCampaign(params.campaignId);
      if (!audience) throw new AppError('NOT_FOUND', `No campaign ${params.campaignId}.`);
      return { audience };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/campaigns/:campaignId/test',
    operationId: 'testSendCampaign',
    summary: 'Send the campaign by SMS to a staff number now, as a customer would get it (at most 5 per campaign per hour; a number outside OUTBOUND_COUNTRY_PREFIXES is refused, one that texted STOP is withheld)',
    tag: 'marketing',
    params: idParams,
    body: testBody,
    response: { description: 'Queued', status: 202 },
    errors: ['NOT_FOUND', 'CAMPAIGN_TEST_THROTTLED'],
    async handle({ params, body }, { config }) {
      await queueTestSend(config, params.campaignId, body.staffNumber);
      return { queued: true };
    },
  }),
  defineRoute({
    method: 'post',
    path: '/campaigns/:campaignId/start',
    operationId: 'startCampaign',
    summary: "Start a draft: one send per audience member through the outbox, due at the local send time in each customer's time zone",
    tag: 'marketing',
    params: idParams,
    response: { description: 'The campaign and how many sends were queued' },
    errors: ['NOT_FOUND', 'INVALID_STATUS_CHANGE'],
    async handle({ params }) {
      const outcome = unlessRefused(await startCampaign(params.campaignId, new Date()), NOT_NOW);
      return { campaign: outcome.campaign, queued: outcome.queued };
    },
  }),
  action('pause', 'Pause a running campaign: its queued sends wait'),
  action('resume', 'Resume a paused campaign'),
  action('cancel', 'Cancel a campaign: its queued sends are withheld'),
];

/** The dashboard's campaign forms accept exactly what this API does. */
export { idParams as campaignIdParams, testBody as campaignTestBody };
