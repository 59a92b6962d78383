import assert from 'node:assert/strict';
import type { Types } from 'mongoose';
import request from 'supertest';
import { ConsentRecordModel, CustomerModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { createApp } from '../../src/http/app';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { silentLog, TEST_ADMIN_KEY, testConfig } from '../support/config';
import { nock, withFakeHttp } from '../support/fake-http';
import { postMetaWebhook, whatsappWebhook } from '../support/meta-webhooks';
import { textSms } from '../support/twilio-webhooks';
import { Shopper } from '../support/conversation';
import { commerceSettings } from '../../src/services/settings';
import { linkChannels } from '../../src/channels/registry';
import { analyzeSms } from '../../src/channels/sms/segments';
import { messagesFor } from '../../src/conversation/locales';

/**
 * Issue 20 item 6, the event series: texting EVENTS lists the cities, the shopper picks one by number,
 * name or list row and gets that city's event, then signs up like the sign-up keyword (SMS: only after
 * YES), with the city in the record's source and on the customer as an interest.
 */

const config = testConfig();
const app = createApp({ config, log: silentLog });
const GRAPH_SEND = `/${config.GRAPH_API_VERSION}/${config.WHATSAPP_PHONE_NUMBER_ID}/messages`;
const admin = () => request(app);
const event = (name: string, venue: string, city: string) => ({ name, date: '2026-06-20', time: '19:00', venue, link: `https://shop.example/events/${city}` });
const SERIES = {
  cities: [
    { city: 'Lisbon', event: event('Coffee Tasting Night', 'Casa Azul', 'lisbon') },
    { city: 'Porto', event: event('Latte Art Class', 'Rua Nova 5', 'porto') },
    { city: 'Krakow', event: event('Tea Evening', 'Rynek 1', 'krakow') },
    { city: 'St. Louis', event: { name: 'Roastery Tour', date: '2026-07-04', venue: 'Main St 10', link: 'https://shop.example/events/stl' } },
  ],
};
const LIST = 'Which city would you like events for? Reply with its number or name.\n1) Lisbon\n2) Porto\n3) Krakow\n4) St. Louis';
const ASK = 'Corner Market: reply YES to get our offers and event news by text, up to 4 a month. Msg & data rates may apply. Reply STOP at any time to end.';
/** On WhatsApp the same ask, naming no SMS and no carrier charges: the words agreed to are the words shown. */
const ASK_HERE = 'Corner Market: reply YES to get our offers and event news here, up to 4 a month. Reply STOP at any time to end.';
const CONFIRMED = "You're in: Corner Market will text you offers and event news. Reply STOP at any time to end.";

const putSeries = (keyword: string, body: object) => admin().put(`/admin/event-series/${keyword}`).set('x-api-key', TEST_ADMIN_KEY).send(body);
const marketingRecords = (customerId: Types.ObjectId) => ConsentRecordModel.find({ customerId, purpose: 'marketing' }).lean();
const interestsOf = async (customerId: Types.ObjectId) => (await CustomerModel.findById(customerId).lean())?.interests ?? [];

describe('event keywords: pick a city, get its event (issue 20 item 6)', () => {
  withFakeHttp();
  beforeEach(async () => {
    await freshDemoStore();
    assert.equal((await putSeries('events', SERIES)).status, 200);
  });

  it('the admin API keeps a series only for a keyword the dialog listens to, with bounded cities', async () => {
    const listed = await admin().get('/admin/event-series').set('x-api-key', TEST_ADMIN_KEY).expect(200);
    assert.deepEqual(listed.body.listening, ['EVENTS']);
    assert.deepEqual(listed.body.items.map((series: { keyword: string; cities: { city: string }[] }) => [series.keyword, series.cities.map((entry) => entry.city)]), [['EVENTS', ['Lisbon', 'Porto', 'Krakow', 'St. Louis']]]);

    const unheard = await putSeries('PARTY', SERIES);
    assert.equal(unheard.status, 400);
    assert.equal(unheard.body.error.code, 'VALIDATION_FAILED');
    const tooMany = Array.from({ length: 11 }, (_, i) => ({ city: `City ${i}`, event: event('X', 'Y', 'z') }));
    assert.equal((await putSeries('EVENTS', { cities: tooMany })).status, 400);
    assert.equal((await putSeries('EVENTS', { cities: [SERIES.cities[0], SERIES.cities[0]] })).status, 400, 'each city once');
    assert.equal((await putSeries('EVENTS', { cities: [{ city: 'Lisbon', event: { ...event('X', 'Y', 'z'), link: 'javascript:alert(1)' } }] })).status, 400);
    assert.equal((await admin().put('/admin/event-series/EVENTS').send(SERIES)).status, 401, 'the API key is needed');
    assert.equal((await admin().get('/admin/event-series').set('x-api-key', TEST_ADMIN_KEY)).body.items[0].cities.length, 4, 'nothing changed');
  });

  it('on SMS: the list, an unknown city asked again once, the event by number, and the opt-in only after YES', async () => {
    const ann = await addCustomer({ channel: 'sms', externalId: '+15550003001' });
    assert.equal(await textSms(app, '+15550003001', 'events'), LIST);
    assert.equal(await textSms(app, '+15550003001', 'Narnia'), LIST.replace('Which city would you like events for?', "Sorry, I don't know that city. Which one?"));
    const details = 'Porto: Latte Art Class, Saturday, June 20 at 7:00 PM, Rua Nova 5. https://shop.example/events/porto';
    assert.equal(await textSms(app, '+15550003001', '2'), `${details} ${ASK}`);
    assert.deepEqual(await marketingRecords(ann), [], 'nothing before the YES');
    assert.deepEqual(await interestsOf(ann), []);

    assert.equal(await textSms(app, '+15550003001', 'yes'), CONFIRMED);
    const [record] = await marketingRecords(ann);
    assert.deepEqual([record!.channel, record!.granted, record!.source, record!.wording], ['sms', true, 'sms keyword EVENTS city Porto, confirmed YES', ASK]);
    assert.deepEqual(await interestsOf(ann), ['city:porto']);
  });

  it('on SMS: a city by name, a no records nothing, and a second unknown city ends the dialog', async () => {
    const ben = await addCustomer({ channel: 'sms', externalId: '+15550003002' });
    await textSms(app, '+15550003002', 'EVENTS');
    assert.equal(await textSms(app, '+15550003002', 'st louis please'), `St. Louis: Roastery Tour, Saturday, July 4, Main St 10. https://shop.example/events/stl ${ASK}`);
    assert.equal(await textSms(app, '+15550003002', 'no'), "No problem, you won't get offers from us.");
    assert.deepEqual(await marketingRecords(ben), []);
    assert.deepEqual(await interestsOf(ben), []);

    await textSms(app, '+15550003002', 'EVENTS');
    await textSms(app, '+15550003002', 'Atlantis');
    assert.equal(await textSms(app, '+15550003002', 'El Dorado'), 'Sorry, I still can\'t find that city. Text EVENTS again whenever you like.');
    assert.doesNotMatch(await textSms(app, '+15550003002', '1'), /Lisbon/, 'the list is gone');
  });

  it('on SMS: the longest event the admin API allows still leaves the whole consent ask in the reply', async () => {
    const longest = { city: 'C'.repeat(40), event: { name: 'N'.repeat(60), date: '2026-09-30', time: '23:59', venue: 'V'.repeat(80), link: `https://shop.example/${'l'.repeat(179)}` } };
    await putSeries('EVENTS', { cities: [longest] }).expect(200);
    await addCustomer({ channel: 'sms', externalId: '+15550003003' });
    await textSms(app, '+15550003003', 'EVENTS');
    const answer = await textSms(app, '+15550003003', '1');
    assert.ok(answer.endsWith(` ${ASK}`), answer);
    assert.ok(answer.includes(longest.event.link), 'and the link whole');

    // In Polish the text is UCS-2 (67 characters a segment): the consent ask still arrives whole, never trimmed to the 4-segment budget.
    await CustomerModel.updateOne({ _id: await addCustomer({ channel: 'sms', externalId: '+15550003004' }) }, { $set: { locale: 'pl-PL', localeSource: 'asked' } });
    await textSms(app, '+15550003004', 'EVENTS');
    const polish = await textSms(app, '+15550003004', '1');
    const polishAsk = messagesFor('pl-PL').signupAsk('Corner Market');
    assert.ok(polish.endsWith(polishAsk), polish);
    assert.ok(analyzeSms(polish).segments > 4, 'longer than the usual budget');
  });

  it('on WhatsApp: the cities as a list, the row picked gives the event and asks for YES as on SMS; only the YES records the opt-in with the city', async () => {
    const cara = await addCustomer({ channel: 'whatsapp', externalId: '447700900033' });
    const sent: object[] = [];
    nock('https://graph.facebook.com')
      .post(GRAPH_SEND, (body: object) => sent.push(body) > 0)
      .times(3)
      .reply(200, { messages: [{ id: 'wamid.1' }] });
    const inbound = (id: string, message: Record<string, unknown>) =>
      postMetaWebhook(app, '/whatsapp', whatsappWebhook({ phoneNumberId: config.WHATSAPP_PHONE_NUMBER_ID, from: '447700900033', name: 'Cara', message: { id, ...message } }));
    assert.equal((await inbound('wamid.EV1', { type: 'text', text: { body: 'Events' } })).status, 200);
    await drainBackground();
    const list = sent[0] as { type: string; interactive: { type: string; action: { sections: { rows: { id: string; title: string }[] }[] } } };
    assert.equal(list.interactive.type, 'list');
    assert.deepEqual(list.interactive.action.sections[0]!.rows.map((row) => [row.id, row.title]), [['CITY:0', 'Lisbon'], ['CITY:1', 'Porto'], ['CITY:2', 'Krakow'], ['CITY:3', 'St. Louis']]);

    assert.equal((await inbound('wamid.EV2', { type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'CITY:0', title: 'Lisbon' } } })).status, 200);
    await drainBackground();
    // Picking a city asks for events, not for offers: the opt-in waits for its YES, with the wording asked.
    assert.equal((sent[1] as { text: { body: string } }).text.body, `Lisbon: Coffee Tasting Night, Saturday, June 20 at 7:00 PM, Casa Azul. https://shop.example/events/lisbon ${ASK_HERE}`);
    assert.deepEqual(await marketingRecords(cara), []);
    assert.equal((await inbound('wamid.EV3', { type: 'text', text: { body: 'YES' } })).status, 200);
    await drainBackground();
    assert.equal((sent[2] as { text: { body: string } }).text.body, CONFIRMED);
    const [record] = await marketingRecords(cara);
    assert.deepEqual([record!.channel, record!.granted, record!.source, record!.wording], ['whatsapp', true, 'whatsapp keyword EVENTS city Lisbon, confirmed YES', ASK_HERE]);
    assert.deepEqual(await interestsOf(cara), ['city:lisbon']);
  });

  it('says so when the keyword has no series, and is no keyword on web chat (SMS and WhatsApp only)', async () => {
    await admin().delete('/admin/event-series/EVENTS').set('x-api-key', TEST_ADMIN_KEY).expect(200);
    await addCustomer({ channel: 'sms', externalId: '+15550003004' });
    assert.equal(await textSms(app, '+15550003004', 'EVENTS'), 'There are no events listed right now. Please check back soon.');
    assert.equal((await admin().delete('/admin/event-series/EVENTS').set('x-api-key', TEST_ADMIN_KEY)).status, 404);

    await putSeries('EVENTS', SERIES).expect(200);
    const webchat = await new Shopper('webchat', 'web-events', { settings: commerceSettings(config, { linkChannels: linkChannels() }) }).says('EVENTS');
    assert.doesNotMatch(webchat.text ?? '', /Which city|Lisbon/);
  });
});
