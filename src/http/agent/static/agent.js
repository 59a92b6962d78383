/* global document, fetch, crypto, EventSource */
'use strict';
// The agent inbox's one script: reads the API, listens to server-sent events, never renders data as HTML.
(function () {
  const csrf = document.querySelector('meta[name="csrf-token"]').content;
  const $ = (id) => document.getElementById(id);
  let openId = null;
  let open = null;
  let shared = [];

  async function api(path, options = {}) {
    const response = await fetch(`/agent/api${path}`, {
      ...options,
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, ...(options.headers || {}) },
      credentials: 'same-origin',
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error((body.error && body.error.message) || `HTTP ${response.status}`);
    return body;
  }

  function item(list, text, className) {
    const li = document.createElement('li');
    li.textContent = text;
    if (className) li.className = className;
    list.appendChild(li);
    return li;
  }

  function say(text) {
    $('action-status').textContent = text;
  }

  async function loadQueue() {
    const { queued, claimed } = await api('/conversations');
    for (const [list, entries] of [[$('queue'), queued], [$('claimed'), claimed]]) {
      list.replaceChildren();
      for (const entry of entries) {
        const li = document.createElement('li');
        const button = document.createElement('button');
        button.type = 'button';
        button.dataset.conversation = entry.id;
        button.textContent = `${entry.channel} · ${entry.reason} · ${new Date(entry.queuedAt).toLocaleTimeString()}${entry.mine ? ' · yours' : ''}`;
        button.addEventListener('click', () => openConversation(entry.id));
        li.appendChild(button);
        list.appendChild(li);
      }
    }
  }

  async function openConversation(id) {
    openId = id;
    open = await api(`/conversations/${id}`);
    $('conversation').hidden = false;
    $('customer-panel').hidden = false;
    $('conversation-summary').textContent = `${open.channel} · ${open.status}${open.mine ? ' (yours)' : ''} · asked because: ${open.reason}`;
    $('claim').hidden = open.status !== 'queued';
    $('resolve').hidden = open.status !== 'claimed';
    const transcript = $('transcript');
    transcript.replaceChildren();
    for (const entry of open.transcript) {
      const who = { customer: 'Customer', bot: 'Assistant', agent: 'Agent', note: 'Note' }[entry.author];
      const cards = entry.cards.length ? ` [cards: ${entry.cards.join(', ')}]` : '';
      item(transcript, `${new Date(entry.at).toLocaleTimeString()} ${entry.channel} ${who}: ${entry.text}${cards}`, `author-${entry.author}`);
    }
    transcript.scrollTop = transcript.scrollHeight;
    const check = open.replyCheck;
    $('reply-check').textContent = `${check.sendable ? (check.freeText ? 'Free text possible.' : 'Free text not possible now.') : 'Nothing can be sent now.'} ${check.explanation}`;
    renderCustomer(open.customer);
  }

  function renderCustomer(customer) {
    const facts = $('customer-facts');
    facts.replaceChildren();
    if (!customer) return;
    const add = (term, value) => {
      const dt = document.createElement('dt');
      dt.textContent = term;
      const dd = document.createElement('dd');
      dd.textContent = value;
      facts.append(dt, dd);
    };
    add('Name', customer.name || '(not given)');
    add('Locale', customer.locale);
    add('Identities', customer.identities.map((identity) => `${identity.channel}: ${identity.externalId}`).join('; '));
    add('Consent', customer.consent.map((entry) => `${entry.channel}: messages ${entry.messages ? 'yes' : 'no'}, marketing ${entry.marketing ? 'yes' : 'no'}`).join('; '));
    const interests = $('customer-interests');
    interests.replaceChildren();
    for (const tag of customer.interests) {
      const li = item(interests, `${tag} `);
      const remove = document.createElement('button');
      remove.type = 'button';
      remove.textContent = 'Remove';
      remove.setAttribute('aria-label', `Remove interest ${tag}`);
      remove.addEventListener('click', () => changeInterests({ remove: [tag] }, `Interest ${tag} removed.`));
      li.appendChild(remove);
    }
    if (customer.interests.length === 0) item(interests, 'None yet');
    const orders = $('customer-orders');
    orders.replaceChildren();
    for (const order of customer.orders) {
      const li = item(orders, `${order.orderNumber} · ${order.status} · ${order.total} `);
      if (order.status === 'awaiting_payment' && open && open.status === 'claimed') li.appendChild(paymentLinkButton(order.orderNumber));
    }
    if (customer.orders.length === 0) item(orders, 'No orders yet');
    const cart = $('customer-cart');
    cart.replaceChildren();
    for (const line of customer.cart.lines) item(cart, `${line.quantity} × ${line.name}`);
    if (customer.cart.lines.length === 0) item(cart, 'Empty');
  }

  // The order's Checkout link, sent to the customer on their channel; the server says why not when it cannot.
  function paymentLinkButton(orderNumber) {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = `Send payment link for ${orderNumber}`;
    button.addEventListener('click', () =>
      act(() => api(`/conversations/${openId}/payment-link`, { method: 'POST', body: JSON.stringify({ messageId: crypto.randomUUID(), orderNumber }) }), `Payment link for ${orderNumber} sent.`),
    );
    return button;
  }

  function changeInterests(change, done) {
    return act(() => api(`/conversations/${openId}/interests`, { method: 'POST', body: JSON.stringify(change) }), done);
  }

  /** Runs an action and refreshes the view; false (with the server's reason shown) when it was refused. */
  async function act(work, done) {
    try {
      await work();
      say(done);
      await loadQueue();
      if (openId) await openConversation(openId);
      return true;
    } catch (error) {
      say(error.message);
      return false;
    }
  }

  $('claim').addEventListener('click', () => act(() => api(`/conversations/${openId}/claim`, { method: 'POST', body: '{}' }), 'Claimed.'));
  $('resolve').addEventListener('click', () => act(() => api(`/conversations/${openId}/resolve`, { method: 'POST', body: '{}' }), 'Resolved: the assistant answers this customer again.'));

  $('interest-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const tag = $('interest-tag').value.trim().toLowerCase();
    if (!tag) return;
    // A refused tag stays in the field to be corrected.
    changeInterests({ add: [tag] }, `Interest ${tag} added.`).then((added) => {
      if (added) $('interest-tag').value = '';
    });
  });

  $('reply-form').addEventListener('submit', (event) => {
    event.preventDefault();
    const text = $('reply-text').value;
    const skus = shared.slice();
    act(async () => {
      await api(`/conversations/${openId}/reply`, { method: 'POST', body: JSON.stringify({ messageId: crypto.randomUUID(), text, skus }) });
      $('reply-text').value = '';
      shared = [];
      $('shared-products').textContent = '';
    }, 'Reply sent.');
  });

  $('note-form').addEventListener('submit', (event) => {
    event.preventDefault();
    act(async () => {
      await api(`/conversations/${openId}/note`, { method: 'POST', body: JSON.stringify({ text: $('note-text').value }) });
      $('note-text').value = '';
    }, 'Note added.');
  });

  $('search-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    const results = $('search-results');
    results.replaceChildren();
    try {
      const { items } = await api(`/products?q=${encodeURIComponent($('product-search').value)}`);
      for (const product of items) {
        const li = item(results, `${product.name} · ${product.price} · ${product.stock} in stock `);
        const share = document.createElement('button');
        share.type = 'button';
        share.textContent = `Share ${product.name}`;
        share.addEventListener('click', () => {
          if (!shared.includes(product.sku)) shared.push(product.sku);
          $('shared-products').textContent = `Product cards with your reply: ${shared.join(', ')}`;
        });
        const cart = document.createElement('button');
        cart.type = 'button';
        cart.textContent = `Add ${product.name} to cart`;
        cart.addEventListener('click', () => act(() => api(`/conversations/${openId}/cart`, { method: 'POST', body: JSON.stringify({ sku: product.sku, quantity: 1 }) }), `${product.name} is in the customer's cart; they confirm it themselves.`));
        li.append(share, cart);
      }
      if (items.length === 0) item(results, 'Nothing found');
    } catch (error) {
      say(error.message);
    }
  });

  const events = new EventSource('/agent/api/events');
  events.addEventListener('queue', () => loadQueue().catch(() => undefined));
  events.addEventListener('message', () => {
    if (openId) openConversation(openId).catch(() => undefined);
  });
  loadQueue().catch((error) => say(error.message));
})();
