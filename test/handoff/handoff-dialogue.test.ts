import assert from 'node:assert/strict';
import { ChannelIdentityModel, HandoffConversationModel, SessionModel } from '../../models';
import { claimConversation, resolveConversation } from '../../src/services/handoff';
import { commerceSettings } from '../../src/services/settings';
import { linkChannels } from '../../src/channels/registry';
import { transcriptOf } from '../../src/store/transcript-store';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { testConfig } from '../support/config';
import { Shopper } from '../support/conversation';
import { createStaffAccount } from '../../src/services/staff';

const PHONE = '15550108888';
const settings = commerceSettings(testConfig({ HANDOFF_OPENING_HOURS: '09:00-17:00', HANDOFF_TIME_ZONE: 'UTC', HANDOFF_EXPECTED_WAIT_MINUTES: '7' }), { linkChannels: linkChannels() });

function whatsappShopper(): Shopper {
  const shopper = new Shopper('whatsapp', PHONE, { settings });
  shopper.now = new Date('2026-11-23T15:00:00Z');
  return shopper;
}

async function conversation() {
  return HandoffConversationModel.findOne({ key: `whatsapp:${PHONE}` }).lean();
}

describe('handing a conversation to a person', () => {
  beforeEach(freshDemoStore);

  it('queues "I want to talk to a person" with the expected wait, keeps quiet while held except for HELP, and greets the shopper back after a resolve', async () => {
    const customerId = await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    const shopper = whatsappShopper();
    const asked = await shopper.says('I want to talk to a person');
    assert.equal(asked.text, "I'm passing you to a person on our team; they usually answer here within about 7 minutes. Type menu to come back to me.");
    const queued = await conversation();
    assert.equal(queued?.status, 'queued');
    assert.equal(queued?.reason, 'asked');
    assert.ok(queued?.customerId.equals(customerId));

    assert.equal((await shopper.later(1).says('hello? my parcel is late')).silent, true);
    assert.equal((await shopper.later(1).says('hello?')).silent, true, 'a greeting while waiting keeps the shopper in the queue');
    assert.match((await shopper.later(1).says('help')).text, /You can search/, 'HELP always works');
    assert.ok((await transcriptOf(customerId)).some((entry) => entry.author === 'customer' && entry.text === 'hello? my parcel is late'), 'the held message reaches the transcript');

    const agent = await createStaffAccount({ name: 'Ana', email: 'ana@shop.example', password: 'correct horse battery', role: 'agent' });
    const viewer = { id: agent.id, role: agent.role };
    await claimConversation(settings.handoff, viewer, queued!._id, shopper.now);
    await resolveConversation(settings.handoff, viewer, queued!._id, shopper.now);
    assert.equal((await conversation())?.status, 'resolved');

    const back = await shopper.later(1).says('show me tea');
    assert.match(back.text, /^Thanks for talking with our team\. You're back with the shopping assistant\. Here's what I found: /);
    assert.doesNotMatch((await shopper.later(1).says('show me coffee')).text, /Thanks for talking/, 'greeted back once');
  });

  it('outside opening hours says when people answer, and "menu" carries on with the assistant', async () => {
    await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    const shopper = whatsappShopper();
    shopper.now = new Date('2026-11-23T20:30:00Z');
    const asked = await shopper.says('agent');
    assert.match(asked.text, /^Our team is away right now and answers from 09:00 \(UTC time\)\. .* Type menu to carry on with me meanwhile\.$/);
    assert.match((await shopper.says('menu')).text, /back with the shopping assistant/);
    assert.equal((await conversation())?.status, 'resolved', 'the conversation left the queue');
    assert.match((await shopper.says('show me tea')).text, /Here's what I found/);
  });

  it('hands over after two fallbacks in a row, and on a configured word', async () => {
    await addCustomer({ channel: 'whatsapp', externalId: PHONE });
    const shopper = whatsappShopper();
    assert.match((await shopper.says('???')).text, /^Sorry, I didn't understand/);
    const second = await shopper.says('!!!');
    assert.match(second.text, /passing you to a person/);
    assert.equal((await conversation())?.reason, 'fallbacks');

    const other = new Shopper('sms', '+15550109999', { settings });
    other.now = shopper.now;
    await addCustomer({ channel: 'sms', externalId: '+15550109999' });
    assert.match((await other.says('my kettle arrived BROKEN')).text, /passing you to a person/);
    assert.equal((await HandoffConversationModel.findOne({ key: 'sms:+15550109999' }).lean())?.reason, 'keyword');
    const sms = { carrierKeywords: { optOut: 'opt out', optIn: 'opt in' } };
    assert.equal((await other.turnWith({ text: 'is anyone there', ...sms })).silent, true, 'quiet while held on SMS too');
    assert.match((await other.turnWith({ text: 'HELP', ...sms })).text ?? '', /^Corner Market: .*Reply STOP to unsubscribe\.$/, "the carrier's HELP always works");
  });

  it('on Alexa, "talk to a person" queues a write-back on the linked WhatsApp, whose assistant then keeps quiet', async () => {
    const customerId = await addCustomer({ channel: 'alexa', externalId: 'amzn1.ask.account.HANDOFF' });
    await ChannelIdentityModel.create({ channel: 'whatsapp', externalId: PHONE, customerId });
    const voice = new Shopper('alexa', 'amzn1.ask.account.HANDOFF', { settings });
    voice.now = new Date('2026-11-23T15:00:00Z');
    const answer = await voice.intends('Handoff');
    assert.equal(answer.speech, "I've asked a person on our team to write to you on WhatsApp, usually within about 7 minutes. Anything else I can do?");
    const queued = await conversation();
    assert.equal(queued?.status, 'queued');
    assert.equal(queued?.reason, 'voice-write-back');
    assert.ok(queued?.customerId.equals(customerId));
    assert.equal((await SessionModel.findOne({ key: `whatsapp:${PHONE}` }).lean())?.handoff, true);
    assert.equal((await whatsappShopper().says('hi, is someone there?')).silent, true);
  });
});
