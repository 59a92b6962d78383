import express, { Router, type ErrorRequestHandler, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { Config } from '../../config';
import { AppError } from '../../core/errors';
import { MAX_REPORT_DAYS, reportDays, utcDay } from '../../core/insights';
import type { StaffRole } from '../../core/staff-roles';
import { canStart, changeCampaign, findCampaign, previewCampaign, recentCampaigns, startCampaign } from '../../services/campaigns';
import { insightReport, type InsightReport } from '../../services/insights';
import { campaignIdParams, campaignTestBody, queueTestSend, unlessRefused } from '../admin/routes/campaigns';
import { CsvExport, sendCsv } from '../admin/route-table';
import { INSIGHT_FIGURES, insightFigureTable, type InsightFigure } from '../admin/routes/insights';
import { utcDayRange } from '../admin/schemas';
import { toAppError } from '../errors';
import { csrfTokenOf, requireStaff, signedInStaff, staffSession } from '../staff/session';
import { campaignPage, campaignsPage, DASHBOARD_PATH, errorPage, overviewPage, type CampaignRow, type DateRange, type Viewer } from './pages';
import { DASHBOARD_CSS } from './styles';

/** Who may open the dashboard: it shows the whole shop's figures and starts campaigns. */
const DASHBOARD_ROLES: readonly StaffRole[] = ['supervisor', 'admin'];
const DEFAULT_RANGE_DAYS = 14;
const DAY_MS = 86_400_000;
/** The campaigns page lists the newest ones; older ones stay reachable through the admin API. */
const LISTED_CAMPAIGNS = 50;

/**
 * No script may run (the pages have none), styles and images only from here, forms only to here, never
 * framed; no caching of pages that show the shop's figures.
 */
const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  // Same-origin form posts keep their Origin (a `no-referrer` policy would make it "null" and the CSRF check refuse them).
  'referrer-policy': 'same-origin',
  'cache-control': 'no-store',
};

const rangeShape = { from: utcDayRange.from.optional(), to: utcDayRange.to.optional() };
const rangeQuery = z.object(rangeShape).strict();
const NOTICES = { start: 'Started.', pause: 'Paused.', resume: 'Resumed.', cancel: 'Cancelled.', test: 'Test send queued.' } as const;
const campaignPageQuery = z
  .object({
    ...rangeShape,
    done: z.enum(Object.keys(NOTICES) as [keyof typeof NOTICES]).optional(),
    queued: z.coerce.number().int().min(0).max(10_000_000).optional(),
    /** Count the audience now: asked for by a link, never on a plain load or the redirect after an action. */
    preview: z.literal('1').optional(),
  })
  .strict();
const actionParams = campaignIdParams.extend({ action: z.enum(['start', 'pause', 'resume', 'cancel']) });
const actionBody = z.object({ _csrf: z.string().max(100) }).strict();
const testBody = campaignTestBody.extend({ _csrf: z.string().max(100) });
const exportParams = z.object({ file: z.string().regex(new RegExp(`^(${INSIGHT_FIGURES.join('|')})\\.csv$`), 'a figure name and .csv') }).strict();

/** The range asked for, or the last 14 UTC days up to today; refused unless the report can cover it (calendar days, in order, at most 92). */
function dashboardRange(query: { from?: string; to?: string }, now: Date): DateRange {
  const to = query.to ?? utcDay(now);
  const from = query.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00Z`) - (DEFAULT_RANGE_DAYS - 1) * DAY_MS));
  if (!reportDays(from, to)) throw new AppError('VALIDATION_FAILED', `The range must be calendar days, from not after to, at most ${MAX_REPORT_DAYS} days.`);
  return { from, to };
}

function parsed<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value ?? {});
  if (!result.success) throw new AppError('VALIDATION_FAILED', `The ${what} is not valid: ${result.error.issues.map((issue) => `${issue.path.join('.') || 'value'}: ${issue.message}`).join('; ')}.`);
  return result.data;
}

function viewerOf(req: Request, res: Response): Viewer {
  const staff = signedInStaff(res);
  return { name: staff.name, role: staff.role, csrfToken: csrfTokenOf(req) };
}

function campaignRow(campaign: NonNullable<Awaited<ReturnType<typeof findCampaign>>>, report: InsightReport): CampaignRow {
  return {
    campaignId: campaign.campaignId,
    name: campaign.name,
    status: campaign.status,
    channels: campaign.channels,
    sendDate: campaign.sendDate,
    sendTime: campaign.sendTime,
    text: campaign.text,
    filters: Object.entries(campaign.audience ?? {})
      .filter(([, value]) => value !== null && value !== undefined && value !== false)
      .map(([name, value]) => `${name}: ${Array.isArray(value) ? value.join(', ') : String(value)}`),
    figures: report.campaigns.find((entry) => entry.campaignId === campaign.campaignId),
    startable: canStart(campaign),
  };
}

/** Refusals on the dashboard's pages and forms are pages too (the CSV export keeps the JSON error body). */
const marksPage: RequestHandler = (_req, res, next) => {
  res.locals.dashboardPage = true;
  next();
};

const pageErrors: ErrorRequestHandler = (error, req, res, next) => {
  if (!res.locals.dashboardPage || res.headersSent) return next(error);
  const appError = toAppError(error);
  if (appError.httpStatus >= 500) req.log?.error({ err: error }, 'request failed');
  else req.log?.info({ errorCode: appError.code }, 'request refused');
  const message = appError.httpStatus >= 500 ? 'Something went wrong on our side; please try again.' : appError.message;
  res.status(appError.httpStatus).type('html').send(errorPage(appError.httpStatus, message, appError.httpStatus === 401 ? DASHBOARD_PATH : undefined));
};

/**
 * `/admin/dashboard`: the merchant dashboard for signed-in supervisors and admins (the staff sign-in
 * of the agent inbox). Mounted before `/admin`, and it answers everything under its path itself, so the
 * admin API key opens nothing here and a staff session opens nothing of the admin API.
 */
export function dashboardRouter({ config }: { config: Config }): Router {
  const router = Router();
  router.use((_req, res, next) => {
    res.set(SECURITY_HEADERS);
    next();
  });
  router.use(staffSession(config));
  router.use(express.urlencoded({ extended: false, limit: '4kb', parameterLimit: 10 }));
  const pageAccess = requireStaff({ roles: DASHBOARD_ROLES, redirect: true });
  const page: RequestHandler = (req, res, next) => marksPage(req, res, () => pageAccess(req, res, next));
  const download = requireStaff({ roles: DASHBOARD_ROLES });

  router.get('/static/dashboard.css', page, (_req, res) => {
    res.type('css').send(DASHBOARD_CSS);
  });

  router.get('/', page, async (req, res) => {
    const range = dashboardRange(parsed(rangeQuery, req.query, 'date range'), new Date());
    res.type('html').send(overviewPage(viewerOf(req, res), await insightReport(range.from, range.to)));
  });

  router.get('/export/:file', download, async (req, res) => {
    const figure = parsed(exportParams, req.params, 'figure').file.replace(/\.csv$/, '') as InsightFigure;
    const range = dashboardRange(parsed(rangeQuery, req.query, 'date range'), new Date());
    const [header, rows] = insightFigureTable(await insightReport(range.from, range.to), figure);
    sendCsv(res, new CsvExport(`${figure}-${range.from}-${range.to}.csv`, header, rows));
  });

  router.get('/campaigns', page, async (req, res) => {
    const range = dashboardRange(parsed(rangeQuery, req.query, 'date range'), new Date());
    const [campaigns, report] = await Promise.all([recentCampaigns(LISTED_CAMPAIGNS), insightReport(range.from, range.to)]);
    res.type('html').send(campaignsPage(viewerOf(req, res), range, campaigns.map((campaign) => campaignRow(campaign, report))));
  });

  router.get('/campaigns/:campaignId', page, async (req, res) => {
    const { campaignId } = parsed(campaignIdParams, req.params, 'campaign id');
    const { done, queued, preview, ...rangeAsked } = parsed(campaignPageQuery, req.query, 'query');
    const range = dashboardRange(rangeAsked, new Date());
    const campaign = await findCampaign(campaignId);
    if (!campaign) throw new AppError('NOT_FOUND', 'No such campaign.');
    const [audience, report] = await Promise.all([preview ? previewCampaign(campaignId) : null, insightReport(range.from, range.to)]);
    const notice = done && `${NOTICES[done]}${done === 'start' && queued !== undefined ? ` ${queued} sends queued.` : ''}`;
    res.type('html').send(campaignPage(viewerOf(req, res), range, campaignRow(campaign, report), audience, notice));
  });

  // Plain forms (no script): requireStaff has checked the same-site Origin and the session's CSRF token.
  router.post('/campaigns/:campaignId/test', page, async (req, res) => {
    const { campaignId } = parsed(campaignIdParams, req.params, 'campaign id');
    const { staffNumber } = parsed(testBody, req.body, 'form');
    await queueTestSend(config, campaignId, staffNumber);
    res.redirect(303, `${DASHBOARD_PATH}/campaigns/${campaignId}?done=test`);
  });

  router.post('/campaigns/:campaignId/:action', page, async (req, res) => {
    const { campaignId, action } = parsed(actionParams, req.params, 'action');
    parsed(actionBody, req.body, 'form');
    const outcome = unlessRefused(action === 'start' ? await startCampaign(campaignId, new Date()) : await changeCampaign(campaignId, action), `This campaign cannot ${action} now.`);
    const queued = outcome.queued === undefined ? '' : `&queued=${outcome.queued}`;
    res.redirect(303, `${DASHBOARD_PATH}/campaigns/${campaignId}?done=${action}${queued}`);
  });

  router.use(marksPage, (_req, _res, next) => next(new AppError('NOT_FOUND', 'Nothing here.')));
  router.use(pageErrors);
  return router;
}
