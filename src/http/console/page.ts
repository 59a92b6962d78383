import { escapeHtml, htmlDocument } from '../html';
import type { CertifyReport } from './certify-report';

export interface ConsolePageData {
  channels: { id: string; label: string }[];
  customers: { key: string; displayName: string; orders: number | null }[];
  report: CertifyReport | null;
}

function customerOption(customer: ConsolePageData['customers'][number]): string {
  const orders = customer.orders === null ? 'not in the database: run npm run cli seed' : `${customer.orders} past order${customer.orders === 1 ? '' : 's'}`;
  return `<option value="${escapeHtml(customer.key)}">${escapeHtml(customer.displayName)} (${escapeHtml(orders)})</option>`;
}

function reportSection(report: CertifyReport | null): string {
  const body = report
    ? `<p>From <code>${escapeHtml(report.file)}</code> in the data folder.</p><pre class="report" tabindex="0" aria-label="Certify report">${escapeHtml(report.content)}</pre>`
    : '<p id="no-report">No report yet, run <code>npm run certify</code>.</p>';
  return `<section aria-labelledby="report-heading"><h2 id="report-heading">Last certify report</h2>${body}</section>`;
}

/**
 * The console page: plain HTML that works from the keyboard and a screen reader (labelled controls,
 * landmarks, a live transcript); console.js only sends turns and fills in the panes.
 */
export function consolePage(data: ConsolePageData): string {
  const channelOptions = data.channels.map(({ id, label }) => `<option value="${escapeHtml(id)}">${escapeHtml(label)}</option>`).join('');
  return htmlDocument({
    lang: 'en',
    title: 'Developer console',
    head: `<link rel="stylesheet" href="/console/static/console.css">
<script src="/console/static/console.js" defer></script>`,
    body: `<a class="skip" href="#main">Skip to the conversation</a>
<header><h1>Developer console</h1><p>Chat as a demo customer on any channel, and see the neutral reply next to exactly what that channel receives. Development only.</p></header>
<main id="main">
<section aria-labelledby="chat-heading">
<h2 id="chat-heading">Conversation</h2>
<form id="turn-form" novalidate>
<div class="row">
<label for="channel">Channel</label>
<select id="channel" name="channel">${channelOptions}</select>
<label for="customer">Customer</label>
<select id="customer" name="customer">${data.customers.map(customerOption).join('')}</select>
</div>
<div class="row">
<label for="message">Message</label>
<input id="message" name="message" type="text" autocomplete="off" maxlength="2000" required aria-describedby="message-help">
<button type="submit" id="send">Send</button>
</div>
<p id="message-help" class="help">For example "show me coffee", "reorder my usual" or "where is my order". A typed number picks an option.</p>
</form>
<div id="error" role="alert" class="error" hidden></div>
<ol id="transcript" aria-live="polite" aria-label="Transcript"></ol>
<div id="choices" role="group" aria-label="Options in the last reply"></div>
</section>
<div class="panes">
<section aria-labelledby="neutral-heading">
<h2 id="neutral-heading">Neutral reply</h2>
<pre id="neutral-reply" tabindex="0" aria-label="Neutral reply JSON">Send a message to see the reply.</pre>
</section>
<section aria-labelledby="channel-heading">
<h2 id="channel-heading">What the channel receives</h2>
<p id="channel-delivery"></p>
<dl id="channel-facts"></dl>
<pre id="channel-output" tabindex="0" aria-label="Channel payload">Send a message to see the payload.</pre>
</section>
</div>
${reportSection(data.report)}
</main>`,
  });
}
