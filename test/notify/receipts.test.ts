import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { OutboxModel } from '../../models';
import { resetDatabase } from '../support/database';
import { customerOn, dispatcherFor, NOON_NEW_YORK, notifyConfig, placedOrder } from '../support/notify';

describe('e-mail receipts', () => {
  beforeEach(resetDatabase);

  it('writes a receipt for a placed order through the outbox (JSON transport into DATA_DIR/mail)', async () => {
    const config = notifyConfig();
    const customerId = await customerOn({ alexa: 'amzn1.ask.account.RECEIPT' }, { email: 'dana@example.com' });
    const order = await placedOrder(customerId, 'alexa');
    assert.deepEqual((await OutboxModel.find({ kind: 'receipt' }).lean()).map((job) => job.jobKey), [`receipt:${order.orderNumber}`]);

    assert.equal(await dispatcherFor(config).runDue(NOON_NEW_YORK), 1);

    const mail = JSON.parse(await readFile(path.join(config.DATA_DIR, 'mail', `receipt-${order.orderNumber}.json`), 'utf8')) as { to: { address: string }[]; from: { address: string }; subject: string; text: string };
    assert.deepEqual(mail.to.map((to) => to.address), ['dana@example.com']);
    assert.equal(mail.from.address, 'orders@example.com');
    assert.equal(mail.subject, `Your Corner Market receipt for order ${order.orderNumber}`);
    assert.match(mail.text, /2 x Blue Mug \(MUG\) @ \$12\.50 = \$25\.00/);
    assert.match(mail.text, /Subtotal: \$25\.00\nTax: \$2\.06\nDelivery: \$4\.99\nTotal: \$32\.05/);
    assert.match(mail.text, /Sold by Corner Market\./);
    assert.equal((await OutboxModel.findOne({ kind: 'receipt' }).lean())?.status, 'sent');
  });

  it("writes the receipt in the customer's language, money in its conventions", async () => {
    const config = notifyConfig();
    const customerId = await customerOn({ whatsapp: '5511990001234' }, { email: 'ana@example.com', locale: 'pt-BR' });
    const order = await placedOrder(customerId, 'whatsapp');

    await dispatcherFor(config).runDue(NOON_NEW_YORK);

    const mail = JSON.parse(await readFile(path.join(config.DATA_DIR, 'mail', `receipt-${order.orderNumber}.json`), 'utf8')) as { subject: string; text: string };
    assert.equal(mail.subject, `Seu recibo da Corner Market do pedido ${order.orderNumber}`);
    assert.match(mail.text, /^Olá, Dana,\n\nObrigado pelo seu pedido \d{3}-\d{3} na Corner Market\./);
    assert.match(mail.text, /2 x Blue Mug \(MUG\) @ US\$\s12,50 = US\$\s25,00/);
    assert.match(mail.text, /Subtotal: US\$\s25,00\nImpostos: US\$\s2,06\nEntrega: US\$\s4,99\nTotal: US\$\s32,05/);
    assert.match(mail.text, /Vendido por Corner Market\.$/);
    assert.doesNotMatch(`${mail.subject}\n${mail.text}`, /\b(Your|receipt|Thank|Sold by|Tax|Delivery)\b/);
  });

  it('writes an .eml file with a file: transport', async () => {
    const base = notifyConfig();
    const folder = path.join(base.DATA_DIR, 'outgoing');
    const config = notifyConfig({ SMTP_URL: `file:${folder}` });
    const customerId = await customerOn({ sms: '+15550009999' }, { email: 'sam@example.com' });
    const order = await placedOrder(customerId, 'sms');

    await dispatcherFor(config).runDue(NOON_NEW_YORK);

    const eml = await readFile(path.join(folder, `receipt-${order.orderNumber}.eml`), 'utf8');
    assert.match(eml, /^To: sam@example\.com$/m);
    assert.match(eml, new RegExp(`^Subject: Your Corner Market receipt for order ${order.orderNumber}$`, 'm'));
  });

  it('queues no receipt for a customer without an e-mail address', async () => {
    const customerId = await customerOn({ sms: '+15550009998' });
    await placedOrder(customerId, 'sms');
    assert.equal(await OutboxModel.countDocuments({ kind: 'receipt' }), 0);
  });
});
