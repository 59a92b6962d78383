import assert from 'node:assert/strict';
import type { Choice, ProductCard, Reply } from '../../../src/conversation/turn';
import { PAYLOADS } from '../../../src/conversation/understand';
import { renderSms } from '../../../src/channels/sms/render';
import { analyzeSms } from '../../../src/channels/sms/segments';

const reply = (overrides: Partial<Reply>): Reply => ({ speech: '', text: '', endSession: false, ...overrides });
const card = (sku: string, title: string, subtitle: string): ProductCard => ({
  sku,
  title,
  subtitle,
  choices: [{ id: PAYLOADS.add(sku), label: 'Add to cart' }],
});
const longText = Array.from({ length: 300 }, (_, i) => `sentence${i % 11}`).join(' ');

describe('sms render', () => {
  it('renders silent as an empty body', () => {
    assert.deepEqual(renderSms(reply({ text: 'Hi', silent: true, choices: [{ id: 'YES', label: 'Yes' }] }), { segmentBudget: 3 }), {
      body: '',
      choices: [],
      omitted: 0,
    });
  });

  it('renders plain text, fitted to the budget', () => {
    assert.deepEqual(renderSms(reply({ text: 'Your order is on its way.' }), { segmentBudget: 1 }), {
      body: 'Your order is on its way.',
      choices: [],
      omitted: 0,
    });
    const long = renderSms(reply({ text: longText }), { segmentBudget: 2 });
    assert.ok(analyzeSms(long.body).segments <= 2);
    assert.ok(long.body.endsWith('...'));
  });

  it('renders a few short choices inline and maps digits to ids', () => {
    const rendered = renderSms(
      reply({ text: 'Buy Oat Milk for $3.99?', choices: [{ id: PAYLOADS.yes, label: 'Yes' }, { id: PAYLOADS.no, label: 'No' }] }),
      { segmentBudget: 1 },
    );
    assert.equal(rendered.body, 'Buy Oat Milk for $3.99?\nReply 1 for Yes, 2 for No.');
    assert.deepEqual(rendered.choices, [
      { digit: '1', id: 'YES' },
      { digit: '2', id: 'NO' },
    ]);
  });

  it('renders cards as plain "Title - subtitle" lines, then the choices numbered in their own order', () => {
    const rendered = renderSms(
      reply({
        text: 'Here’s what I found:',
        cards: [card('OAT1', 'Oat Milk 1L', '$3.99'), card('ALM1', 'Almond Milk 1L', '$4.49'), { sku: 'X', title: 'Soy Milk', subtitle: 'Out of stock', choices: [] }],
        choices: [{ id: PAYLOADS.pick('OAT1'), label: 'Oat Milk 1L' }, { id: PAYLOADS.viewCart, label: 'View cart' }],
      }),
      { segmentBudget: 2 },
    );
    assert.equal(rendered.body, "Here's what I found:\nOat Milk 1L - $3.99\nAlmond Milk 1L - $4.49\nSoy Milk - Out of stock\n1) Oat Milk 1L\n2) View cart");
    assert.deepEqual(rendered.choices, [
      { digit: '1', id: 'PICK:OAT1' },
      { digit: '2', id: 'VIEW_CART' },
    ]);
    assert.equal(analyzeSms(rendered.body).encoding, 'GSM-7', 'curly apostrophe folded, no em dash');
  });

  it('drops card lines before choices, so digit N is always reply.choices[N - 1]', () => {
    const cards = Array.from({ length: 20 }, (_, i) => card(`SKU${i}`, `A rather long product title number ${i}`, `$${i}.99`));
    const choices: Choice[] = [{ id: PAYLOADS.yes, label: 'Yes' }, { id: PAYLOADS.no, label: 'No' }, { id: PAYLOADS.help, label: 'Help' }];
    const rendered = renderSms(reply({ text: 'Pick:', cards, choices }), { segmentBudget: 2 });
    assert.ok(analyzeSms(rendered.body).segments <= 2);
    assert.deepEqual(rendered.choices, choices.map((choice, i) => ({ digit: String(i + 1), id: choice.id })));
    assert.ok(rendered.omitted > 0);
    assert.match(rendered.body, /\n1\) Yes\n2\) No\n3\) Help\n\+\d+ more: reply with what you want$/);
  });

  it('keeps all 40 choices within 10 segments, trimming the text first', () => {
    const choices: Choice[] = Array.from({ length: 40 }, (_, i) => ({ id: PAYLOADS.pick(`SKU${i + 1}`), label: `Organic product ${i + 1}` }));
    const rendered = renderSms(reply({ text: longText, choices }), { segmentBudget: 10 });
    const analysis = analyzeSms(rendered.body);
    assert.ok(analysis.segments <= 10, `${analysis.segments} segments`);
    assert.equal(rendered.omitted, 0);
    assert.equal(rendered.choices.length, 40);
    assert.deepEqual(rendered.choices[39], { digit: '40', id: 'PICK:SKU40' });
    assert.match(rendered.body, /^sentence0 sentence1 .*\.\.\.\n1\) Organic product 1\n/s);
    assert.match(rendered.body, /\n40\) Organic product 40$/);
  });

  it('degrades by shortening labels, then dropping options with a "+N more" line', () => {
    const choices: Choice[] = Array.from({ length: 40 }, (_, i) => ({
      id: PAYLOADS.pick(`SKU${i + 1}`),
      label: `Extra large organic fair-trade product number ${i + 1} with a long name`,
    }));
    const shortened = renderSms(reply({ text: 'Pick one:', choices }), { segmentBudget: 10 });
    assert.ok(analyzeSms(shortened.body).segments <= 10);
    assert.equal(shortened.choices.length, 40);
    assert.match(shortened.body, /\n1\) Extra .*\.\.\.\n/);

    const dropped = renderSms(reply({ text: 'Pick one:', choices }), { segmentBudget: 2 });
    assert.ok(analyzeSms(dropped.body).segments <= 2);
    assert.ok(dropped.omitted > 0);
    assert.equal(dropped.choices.length + dropped.omitted, 40);
    assert.match(dropped.body, new RegExp(`\\n\\+${dropped.omitted} more: reply with what you want$`));
    dropped.choices.forEach((choice, i) => assert.deepEqual(choice, { digit: String(i + 1), id: `PICK:SKU${i + 1}` }));
  });

  it('keeps a link whole in a reply that carries one, in UCS-2 too, beyond the configured budget', () => {
    const url = `https://checkout.stripe.com/c/pay/cs_test_${'a1B2'.repeat(75)}`;
    const text = `完成了。您的订单号是482-917，合计US$33.11。请在这里付款：${url}。我会为您保留商品30分钟。`;
    const rendered = renderSms(reply({ text, link: { label: '付款', url } }), { segmentBudget: 4 });
    assert.equal(rendered.body, text);
    assert.ok(analyzeSms(rendered.body).segments > 4);
  });

  it('stays within budget for UCS-2 content', () => {
    const choices: Choice[] = Array.from({ length: 12 }, (_, i) => ({ id: `C${i}`, label: `Подарок ${i} 🎁` }));
    for (const budget of [1, 2, 3, 5]) {
      const rendered = renderSms(reply({ text: 'Идеи подарков 🎁 '.repeat(30), choices }), { segmentBudget: budget });
      assert.ok(analyzeSms(rendered.body).segments <= budget, `budget ${budget}`);
      assert.equal(rendered.choices.length + rendered.omitted, 12);
    }
  });
});
