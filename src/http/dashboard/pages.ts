import type { InsightReport } from '../../services/insights';
import { escapeHtml, htmlDocument } from '../html';
import { insightFigureTable, type InsightFigure } from '../admin/routes/insights';
import { attributedRevenueText, OVERVIEW_FIGURES, figureChart, figureTitle } from './figures';

/**
 * The dashboard's server-rendered pages: no script at all (state changes are plain forms carrying the
 * session's CSRF token), one stylesheet from this service, every interpolated value escaped.
 */

export const DASHBOARD_PATH = '/admin/dashboard';

export interface Viewer {
  name: string;
  role: string;
  csrfToken: string;
}

export interface DateRange {
  from: string;
  to: string;
}

function rangeQuery(range: DateRange): string {
  return `from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`;
}

function layout({ title, viewer, body }: { title: string; viewer?: Viewer; body: string }): string {
  const signedIn = viewer
    ? `<p>Signed in as <strong>${escapeHtml(viewer.name)}</strong> (${escapeHtml(viewer.role)})</p>
<nav aria-label="Dashboard"><a href="${DASHBOARD_PATH}">Overview</a> <a href="${DASHBOARD_PATH}/campaigns">Campaigns</a></nav>
<form method="post" action="/staff/sign-out"><input type="hidden" name="_csrf" value="${escapeHtml(viewer.csrfToken)}"><button type="submit">Sign out</button></form>`
    : '';
  return htmlDocument({
    lang: 'en',
    title,
    head: `<link rel="stylesheet" href="${DASHBOARD_PATH}/static/dashboard.css">`,
    body: `<header>
<h1>${escapeHtml(title)}</h1>
${signedIn}
</header>
<main>
${body}
</main>`,
  });
}

function table(caption: string, [header, rows]: [header: string[], rows: (string | number)[][]]): string {
  const head = header.map((name) => `<th scope="col">${escapeHtml(name)}</th>`).join('');
  const body = rows.length ? rows.map((row) => `<tr>${row.map((cell) => `<td>${escapeHtml(String(cell))}</td>`).join('')}</tr>`).join('\n') : `<tr><td colspan="${header.length}">No data in this range.</td></tr>`;
  return `<table><caption>${escapeHtml(caption)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** What the headline of a figure adds in words (the handoff rate, the NPS), beside its chart. */
function headline(report: InsightReport, name: InsightFigure): string {
  if (name === 'handoff') {
    const { rate, firstReplyAverageSeconds } = report.handoff;
    const rateText = rate === null ? 'no conversations' : `${(rate * 100).toFixed(1)}%`;
    const replyText = firstReplyAverageSeconds === null ? 'no agent replies yet' : `${Math.round(firstReplyAverageSeconds)} s`;
    return `<p class="headline">Handoff rate: <strong>${escapeHtml(rateText)}</strong>. Average time to first agent reply: <strong>${escapeHtml(replyText)}</strong>.</p>`;
  }
  if (name === 'nps') {
    const { score, responses, promoters, passives, detractors } = report.nps;
    const scoreText = score === null ? 'no answers' : String(Math.round(score));
    return `<p class="headline">NPS: <strong>${escapeHtml(scoreText)}</strong> from ${responses} answers (${promoters} promoters, ${passives} passives, ${detractors} detractors).</p>`;
  }
  return '';
}

function figureSection(report: InsightReport, name: InsightFigure, range: DateRange): string {
  const { title, about } = figureTitle(name);
  return `<section class="figure" id="figure-${name}" aria-labelledby="heading-${name}">
<h2 id="heading-${name}">${escapeHtml(title)}</h2>
<p>${escapeHtml(about)} <a href="${DASHBOARD_PATH}/export/${name}.csv?${escapeHtml(rangeQuery(range))}" download>Download CSV</a></p>
${headline(report, name)}
${figureChart(report, name)}
<div class="numbers">${table(title, insightFigureTable(report, name))}</div>
</section>`;
}

function rangeForm(range: DateRange, action: string): string {
  return `<form method="get" action="${action}" class="range">
<label for="from">From (UTC day)</label> <input id="from" name="from" type="date" value="${escapeHtml(range.from)}" required>
<label for="to">To</label> <input id="to" name="to" type="date" value="${escapeHtml(range.to)}" required>
<button type="submit">Show</button>
</form>`;
}

export function overviewPage(viewer: Viewer, report: InsightReport): string {
  const range = { from: report.from, to: report.to };
  return layout({
    title: 'Merchant dashboard',
    viewer,
    body: `${rangeForm(range, DASHBOARD_PATH)}
<p>From ${escapeHtml(report.from)} to ${escapeHtml(report.to)} (${report.days.length} UTC days), from the daily aggregates.</p>
<div class="figures">
${OVERVIEW_FIGURES.map((name) => figureSection(report, name, range)).join('\n')}
</div>`,
  });
}

export interface CampaignRow {
  campaignId: string;
  name: string;
  status: string;
  channels: string[];
  sendDate: string;
  sendTime: string;
  text: string;
  /** The audience filters that are set, in words (`locale: pt-BR`); whatever filters campaigns gain show here too. */
  filters: string[];
  figures?: InsightReport['campaigns'][number];
  /** Start may be asked (a draft, or a running campaign whose Start was cut off before every job was queued). */
  startable: boolean;
}

/** Which buttons a campaign in this status shows (the service refuses the others anyway). */
const ACTIONS_BY_STATUS: Record<string, { action: string; label: string }[]> = {
  draft: [{ action: 'start', label: 'Start' }, { action: 'cancel', label: 'Cancel' }],
  running: [{ action: 'pause', label: 'Pause' }, { action: 'cancel', label: 'Cancel' }],
  paused: [{ action: 'resume', label: 'Resume' }, { action: 'cancel', label: 'Cancel' }],
  cancelled: [],
};

/** A running campaign whose Start was cut off (a timeout, a restart) offers to finish queueing: Start again carries on. */
const FINISH_QUEUEING = { action: 'start', label: 'Finish queueing' };

function actionForms(campaign: CampaignRow, csrfToken: string): string {
  const actions = ACTIONS_BY_STATUS[campaign.status] ?? [];
  return (campaign.startable && campaign.status === 'running' ? [FINISH_QUEUEING, ...actions] : actions)
    .map(({ action, label }) => `<form method="post" action="${DASHBOARD_PATH}/campaigns/${escapeHtml(campaign.campaignId)}/${action}" class="inline"><input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}"><button type="submit" aria-label="${escapeHtml(`${label} ${campaign.name}`)}">${label}</button></form>`)
    .join(' ');
}

function revenueText(figures: CampaignRow['figures']): string {
  return attributedRevenueText(figures?.attributedRevenue ?? []);
}

export function campaignsPage(viewer: Viewer, range: DateRange, campaigns: CampaignRow[], notice?: string): string {
  const rows = campaigns
    .map(
      (campaign) => `<tr>
<th scope="row"><a href="${DASHBOARD_PATH}/campaigns/${escapeHtml(campaign.campaignId)}?${escapeHtml(rangeQuery(range))}">${escapeHtml(campaign.name)}</a></th>
<td>${escapeHtml(campaign.status)}</td><td>${escapeHtml(campaign.channels.join(', '))}</td><td>${escapeHtml(`${campaign.sendDate} ${campaign.sendTime}`)}</td>
<td>${campaign.figures?.sends ?? 0}</td><td>${campaign.figures?.clicks ?? 0}</td><td>${campaign.figures?.attributedOrders ?? 0}</td><td>${escapeHtml(revenueText(campaign.figures))}</td>
<td>${actionForms(campaign, viewer.csrfToken)}</td>
</tr>`,
    )
    .join('\n');
  return layout({
    title: 'Campaigns',
    viewer,
    body: `${notice ? `<p role="status" class="notice">${escapeHtml(notice)}</p>` : ''}
${rangeForm(range, `${DASHBOARD_PATH}/campaigns`)}
<p>Figures from ${escapeHtml(range.from)} to ${escapeHtml(range.to)}. Campaigns are created through the admin API (<code>POST /admin/campaigns</code>); open one for its audience preview and a test send.</p>
<table><caption>Campaigns, newest first</caption>
<thead><tr><th scope="col">Campaign</th><th scope="col">Status</th><th scope="col">Channels</th><th scope="col">Local send time</th><th scope="col">Sends</th><th scope="col">Clicks</th><th scope="col">Attributed orders</th><th scope="col">Attributed revenue</th><th scope="col">Actions</th></tr></thead>
<tbody>${rows || '<tr><td colspan="9">No campaigns yet.</td></tr>'}</tbody></table>`,
  });
}

/**
 * One campaign. `audience` is the preview per channel, only when asked for (`?preview=1`): counting it
 * reads every opted-in customer, too much for every page load and every redirect after an action.
 */
export function campaignPage(viewer: Viewer, range: DateRange, campaign: CampaignRow, audience: Record<string, number> | null, notice?: string): string {
  const previewUrl = `${DASHBOARD_PATH}/campaigns/${escapeHtml(campaign.campaignId)}?${escapeHtml(rangeQuery(range))}&amp;preview=1`;
  const preview = audience
    ? `<table><caption>Audience now (marketing opt-in on the channel, filters applied)</caption><thead><tr><th scope="col">Channel</th><th scope="col">Customers</th></tr></thead><tbody>${Object.entries(audience)
        .map(([channel, count]) => `<tr><th scope="row">${escapeHtml(channel)}</th><td>${count}</td></tr>`)
        .join('')}</tbody></table>`
    : `<p id="audience-preview"><a href="${previewUrl}">Count the audience now</a> (marketing opt-ins on the channels, filters applied).</p>`;
  const figures = campaign.figures;
  return layout({
    title: `Campaign: ${campaign.name}`,
    viewer,
    body: `${notice ? `<p role="status" class="notice">${escapeHtml(notice)}</p>` : ''}
<dl>
<dt>Status</dt><dd id="campaign-status">${escapeHtml(campaign.status)}</dd>
<dt>Channels</dt><dd>${escapeHtml(campaign.channels.join(', '))}</dd>
<dt>Local send time</dt><dd>${escapeHtml(`${campaign.sendDate} ${campaign.sendTime}`)}</dd>
<dt>Message</dt><dd>${escapeHtml(campaign.text)}</dd>
<dt>Audience filters</dt><dd id="campaign-filters">${escapeHtml(campaign.filters.join('; ') || 'none: every marketing opt-in on the channels')}</dd>
<dt>From ${escapeHtml(range.from)} to ${escapeHtml(range.to)}</dt><dd>${figures?.sends ?? 0} sends, ${figures?.clicks ?? 0} clicks, ${figures?.attributedOrders ?? 0} attributed orders, ${escapeHtml(revenueText(figures))} attributed revenue</dd>
</dl>
${preview}
<p>${actionForms(campaign, viewer.csrfToken)}</p>
<form method="post" action="${DASHBOARD_PATH}/campaigns/${escapeHtml(campaign.campaignId)}/test">
<input type="hidden" name="_csrf" value="${escapeHtml(viewer.csrfToken)}">
<label for="staff-number">Test send by SMS to a staff number (E.164)</label>
<input id="staff-number" name="staffNumber" type="tel" pattern="\\+[1-9][0-9]{6,14}" maxlength="16" required>
<button type="submit">Send test</button>
</form>
<p><a href="${DASHBOARD_PATH}/campaigns?${escapeHtml(rangeQuery(range))}">All campaigns</a></p>`,
  });
}

/** A refusal as a page: signed out (with the way back in), wrong role, bad range, unknown campaign. */
export function errorPage(status: number, message: string, signInNext?: string): string {
  const signIn = signInNext ? `<p><a href="/staff/sign-in?next=${encodeURIComponent(signInNext)}">Sign in</a></p>` : '';
  return layout({ title: status === 403 ? 'Not allowed' : status === 401 ? 'Please sign in' : 'Cannot show this', body: `<p role="alert">${escapeHtml(message)}</p>${signIn}<p><a href="${DASHBOARD_PATH}">Back to the dashboard</a></p>` });
}
