/* global document, fetch, window */
// The developer console's only script: sends a turn, shows the transcript, the neutral reply and the channel payload.
'use strict';

(function () {
  const form = document.getElementById('turn-form');
  const channel = document.getElementById('channel');
  const customer = document.getElementById('customer');
  const message = document.getElementById('message');
  const send = document.getElementById('send');
  const transcript = document.getElementById('transcript');
  const choices = document.getElementById('choices');
  const error = document.getElementById('error');
  const neutral = document.getElementById('neutral-reply');
  const output = document.getElementById('channel-output');
  const heading = document.getElementById('channel-heading');
  const delivery = document.getElementById('channel-delivery');
  const facts = document.getElementById('channel-facts');

  function say(who, text) {
    const item = document.createElement('li');
    item.className = who === 'You' ? 'from-customer' : 'from-shop';
    const name = document.createElement('strong');
    name.textContent = who + ': ';
    item.append(name, document.createTextNode(text));
    transcript.append(item);
    item.scrollIntoView({ block: 'nearest' });
  }

  function showError(text) {
    error.textContent = text;
    error.hidden = !text;
  }

  function showChoices(list) {
    choices.replaceChildren();
    for (const option of list || []) {
      const button = document.createElement('button');
      button.type = 'button';
      button.textContent = option.label;
      button.addEventListener('click', () => turn({ choiceId: option.id }, option.label));
      choices.append(button);
    }
  }

  function showFacts(entries) {
    facts.replaceChildren();
    for (const [name, value] of Object.entries(entries)) {
      const term = document.createElement('dt');
      term.textContent = name;
      const detail = document.createElement('dd');
      detail.id = 'fact-' + name;
      detail.textContent = String(value);
      facts.append(term, detail);
    }
  }

  async function turn(body, shownAs) {
    showError('');
    send.disabled = true;
    say('You', shownAs);
    try {
      const response = await fetch('/console/api/turn', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(Object.assign({ channel: channel.value, customer: customer.value }, body)),
      });
      const result = await response.json();
      if (!response.ok) {
        showError((result.error && result.error.message) || 'The turn failed (' + response.status + ').');
        return;
      }
      say(result.label, result.neutral.text || '(nothing sent)');
      showChoices(result.neutral.choices);
      neutral.textContent = JSON.stringify(result.neutral, null, 2);
      heading.textContent = 'What ' + result.label + ' receives';
      delivery.textContent = result.preview.delivery;
      showFacts(result.preview.facts);
      output.textContent = result.preview.body;
      output.dataset.format = result.preview.format;
    } catch (failure) {
      showError('The console could not reach the server: ' + failure.message);
    } finally {
      send.disabled = false;
      message.focus();
    }
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = message.value.trim();
    if (!text) {
      showError('Type a message first.');
      message.focus();
      return;
    }
    message.value = '';
    turn({ text }, text);
  });

  // A new channel or customer is a new conversation on screen (the server keeps each one's session).
  for (const select of [channel, customer]) {
    select.addEventListener('change', () => {
      transcript.replaceChildren();
      showChoices([]);
      showError('');
    });
  }

  window.consoleReady = true;
})();
