import assert from 'node:assert/strict';
import { HandoffConversationModel, TranscriptMessageModel } from '../../models';
import { claimConversation, conversationHeldBy, recordAgentMessage } from '../../src/services/handoff';
import { createStaffAccount } from '../../src/services/staff';
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

  it('keeps no code said by voice: a voice code or link code slot is masked', async () => {
    const customerId = await addCustomer({ channel: 'alexa', externalId: 'amzn1.ask.account.SECRETS' });
    const voice = new Shopper('alexa', 'amzn1.ask.account.SECRETS');
    await voice.intends('SetVoiceCode', { code: '4321' });
    await voice.intends('LinkAccount', { code: '482190731640' });
    const said = (await transcriptOf(customerId)).filter((entry) => entry.author === 'customer').map((entry) => entry.text);
    assert.deepEqual(said, ['[code withheld]', '[code withheld]']);
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

  it('is in the customer export with the agents\' private notes, and both are erased with the customer', async () => {
    const customerId = await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    const shopper = new Shopper('whatsapp', PHONE);
    await shopper.says('my name is Ada and I want to talk to a person');
    const conversation = await HandoffConversationModel.findOne({ customerId }).lean();
    const agent = await createStaffAccount({ name: 'Ana', email: 'ana@shop.example', password: 'correct horse battery', role: 'agent' });
    const viewer = { id: agent.id, role: agent.role };
    await claimConversation(settings.handoff, viewer, conversation!._id, shopper.now);
    await recordAgentMessage(viewer, await conversationHeldBy(viewer, conversation!._id), { author: 'note', text: 'Ada prefers decaf' }, settings, shopper.later(1).now);

    const exported = await exportCustomerData(customerId);
    assert.deepEqual(
      // The export keeps no particular order.
      (exported!.collections.TranscriptMessage as { author: string; text: string }[])
        .map((message) => [message.author, message.text])
        .filter(([author]) => author !== 'bot')
        .sort(),
      [
        ['customer', 'my name is Ada and I want to talk to a person'],
        ['note', 'Ada prefers decaf'],
      ],
    );
    assert.equal((exported!.collections.HandoffConversation as unknown[]).length, 1);
    const erased = await eraseCustomerData(customerId);
    assert.equal(erased.removed.TranscriptMessage, 3);
    assert.equal(erased.removed.HandoffConversation, 1);
    assert.equal(await TranscriptMessageModel.countDocuments({ customerId }), 0);
  });
});
