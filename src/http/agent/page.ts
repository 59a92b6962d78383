import { escapeHtml, htmlDocument } from '../html';

/**
 * The agent inbox: server-rendered landmarks and labelled controls, one small script and stylesheet
 * served from here (no CDN), live regions for the queue and the transcript, all usable from the keyboard.
 */
export function agentPage({ name, role, csrfToken }: { name: string; role: string; csrfToken: string }): string {
  return htmlDocument({
    lang: 'en',
    title: 'Agent inbox',
    head: `<meta name="csrf-token" content="${escapeHtml(csrfToken)}">
<link rel="stylesheet" href="/agent/static/agent.css">
<script src="/agent/static/agent.js" defer></script>`,
    body: `<header>
<h1>Agent inbox</h1>
<p>Signed in as <strong id="staff-name">${escapeHtml(name)}</strong> (${escapeHtml(role)})</p>
<form method="post" action="/staff/sign-out"><input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}"><button type="submit">Sign out</button></form>
</header>
<main>
<section aria-labelledby="queue-heading" id="queue-section">
<h2 id="queue-heading">Queue</h2>
<ul id="queue" aria-live="polite" aria-relevant="additions removals"></ul>
<h2 id="mine-heading">Claimed</h2>
<ul id="claimed" aria-live="polite"></ul>
</section>
<section aria-labelledby="conversation-heading" id="conversation" hidden>
<h2 id="conversation-heading">Conversation</h2>
<p id="conversation-summary"></p>
<button type="button" id="claim">Claim</button>
<button type="button" id="resolve">Resolve</button>
<h3>Transcript</h3>
<ol id="transcript" role="log" aria-live="polite" aria-label="Transcript"></ol>
<p id="reply-check" role="status"></p>
<form id="reply-form">
<label for="reply-text">Reply</label>
<textarea id="reply-text" rows="3" maxlength="1000"></textarea>
<p id="shared-products" aria-live="polite"></p>
<button type="submit">Send reply</button>
</form>
<form id="search-form" role="search">
<label for="product-search">Find a product</label>
<input id="product-search" type="search" maxlength="100">
<button type="submit">Search</button>
</form>
<ul id="search-results" aria-live="polite"></ul>
<form id="note-form">
<label for="note-text">Private note (the customer never sees it)</label>
<textarea id="note-text" rows="2" maxlength="2000"></textarea>
<button type="submit">Add note</button>
</form>
<p id="action-status" role="status"></p>
</section>
<aside aria-labelledby="customer-heading" id="customer-panel" hidden>
<h2 id="customer-heading">Customer</h2>
<dl id="customer-facts"></dl>
<h3 id="interests-heading">Interests</h3>
<ul id="customer-interests" aria-labelledby="interests-heading" aria-live="polite"></ul>
<form id="interest-form">
<label for="interest-tag">Add an interest (marketing can target it)</label>
<input id="interest-tag" type="text" maxlength="50" autocomplete="off">
<button type="submit">Add interest</button>
</form>
<h3>Recent orders</h3>
<ul id="customer-orders"></ul>
<h3>Cart</h3>
<ul id="customer-cart"></ul>
</aside>
</main>`,
  });
}
