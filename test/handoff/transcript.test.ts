import assert from 'node:assert/strict';
import { TranscriptMessageModel } from '../../models';
import { eraseCustomerData, exportCustomerData } from '../../src/store/personal-data';
import { sweepExpired } from '../../src/store/sweeper';
import { transcriptOf } from '../../src/store/transcript-store';
import { addCustomer, freshDemoStore, settings } from '../support/commerce';
import { Shopper } from '../support/conversation';

const PHONE = '15550107777';
const DAY_MS = 24 * 60 * 60_000;

describe('the transcript: every message of every channel, per customer', () => {
  beforeEach(freshDemoStore);

  it('records what the customer wrote and what the assistant answered, in order', async () => {
    const customerId = await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    const shopper = new Shopper('whatsapp', PHONE);
    await shopper.says('hi');
    const answer = await shopper.later(1).says('do you have coffee');

    const entries = await transcriptOf(customerId);
    assert.deepEqual(
      entries.map((entry) => [entry.channel, entry.direction, entry.author, entry.text]),
      [
        ['whatsapp', 'inbound', 'customer', 'hi'],
        ['whatsapp', 'outbound', 'bot', entries[1]!.text],
        ['whatsapp', 'inbound', 'customer', 'do you have coffee'],
        ['whatsapp', 'outbound', 'bot', answer.text],
      ],
    );
    assert.match(entries[1]!.text, /\w/);
    assert.equal(entries[2]!.at.getTime(), shopper.now.getTime());
    assert.ok(entries.every((entry) => entry.customerId.equals(customerId)));
  });

  it('records a voice turn as the intent the platform heard', async () => {
    const customerId = await addCustomer({ channel: 'alexa', externalId: 'amzn1.ask.account.TRANSCRIPT' });
    const voice = new Shopper('alexa', 'amzn1.ask.account.TRANSCRIPT');
    const answer = await voice.intends('AddToCart', { product: 'colombian coffee', quantity: 2 });
    const entries = await transcriptOf(customerId);
    assert.deepEqual(
      entries.map((entry) => [entry.channel, entry.author, entry.text]),
      [
        ['alexa', 'customer', '(AddToCart: product colombian coffee, quantity 2)'],
        ['alexa', 'bot', answer.text],
      ],
    );
  });

  it('is swept past TRANSCRIPT_RETENTION_DAYS, and not before', async () => {
    const customerId = await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    const shopper = new Shopper('whatsapp', PHONE);
    shopper.now = new Date();
    await shopper.says('hi');
    const retained = shopper.now.getTime() + settings.transcriptRetentionDays * DAY_MS;
    await sweepExpired(new Date(retained - 60_000));
    assert.equal((await transcriptOf(customerId)).length, 2);
    await sweepExpired(new Date(retained + 60_000));
    assert.equal((await transcriptOf(customerId)).length, 0);
  });

  it('is in the customer export, and erased with the customer', async () => {
    const customerId = await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    await new Shopper('whatsapp', PHONE).says('my name is Ada and I want tea');
    const exported = await exportCustomerData(customerId);
    assert.deepEqual(
      (exported!.collections.TranscriptMessage as { text: string }[]).map((message) => message.text)[0],
      'my name is Ada and I want tea',
    );
    const erased = await eraseCustomerData(customerId);
    assert.equal(erased.removed.TranscriptMessage, 2);
    assert.equal(await TranscriptMessageModel.countDocuments({ customerId }), 0);
  });
});
