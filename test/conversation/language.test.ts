import assert from 'node:assert/strict';
import { ChannelIdentityModel, CustomerModel, SessionModel } from '../../models';
import { detectLanguage, languageRequestIn } from '../../src/conversation/language';
import { freshDemoStore } from '../support/commerce';
import { Shopper } from '../support/conversation';
import { InMemoryTurns } from '../support/in-memory-unit-of-work';

/** Issue 21: the shopper's language from the channel, else their first message; kept, and switchable by asking. */

describe("the shopper's language", () => {
  before(freshDemoStore);

  it('is found from the first message, kept for the conversation, and switched by asking in any language', async () => {
    const turns = new InMemoryTurns();
    const ana = new Shopper('whatsapp', 'wa-ana', { work: turns.open });
    assert.match((await ana.says('oi')).text, /^Boas-vindas à Corner Market\. Diga do que você precisa/);
    assert.match((await ana.says('ver carrinho')).text, /^Seu carrinho está vazio\./);
    assert.equal(turns.savedSession('whatsapp', 'wa-ana')?.language, 'pt-BR');
    assert.equal((await ana.says('Speak English, please!')).text, "OK, I'll speak English from now on.");
    assert.match((await ana.says('my cart')).text, /^Your cart is empty\./);
    assert.equal((await ana.says('mów po polsku')).text, 'Dobrze, od teraz mówię po polsku.');
    assert.match((await ana.says('pokaż koszyk')).text, /^Twój koszyk jest pusty\./);
    assert.equal((await ana.says('说中文')).text, '好的，从现在起我说中文。');
    assert.equal((await ana.says('vorbește românește')).text, 'Bine, de acum vorbesc românește.');
    assert.equal((await ana.says('parla italiano')).text, "D'accordo, da ora parlo italiano.");
    assert.match((await ana.says('cosa ho nel carrello')).text, /^Il tuo carrello è vuoto\./);
  });

  it('keeps what was asked for on the customer, for their next conversation on any channel and their notifications', async () => {
    const bea = new Shopper('sms', '+15550001111');
    await bea.says('hello');
    await bea.says('fale português');
    const { customerId } = (await ChannelIdentityModel.findOne({ channel: 'sms', externalId: '+15550001111' }).lean())!;
    const customer = (await CustomerModel.findById(customerId).lean())!;
    assert.deepEqual([customer.locale, customer.localeSource], ['pt-BR', 'asked']);
    // A new session (a day later, the old one gone) speaks the customer's language from its first word, whatever that word is.
    await SessionModel.deleteMany({ channel: 'sms', channelUserId: '+15550001111' });
    assert.match((await bea.later(26 * 60).says('cart')).text, /^Seu carrinho está vazio\./);
  });

  it('takes the language from the channel: WeChat speaks Chinese until told otherwise, Alexa and Dialogflow speak the request locale', async () => {
    const turns = new InMemoryTurns();
    const wei = new Shopper('wechat', 'wx-wei', { work: turns.open, locale: 'zh-CN' });
    assert.match((await wei.intends('Launch')).text, /^欢迎来到Corner Market。/);
    const tom = new Shopper('wechat', 'wx-tom', { work: turns.open, locale: 'zh-CN' });
    assert.match((await tom.says('hello')).text, /^Welcome to Corner Market\./);
    const giulia = new Shopper('alexa', 'amzn1.ask.account.GIULIA', { work: turns.open, locale: 'it-IT', languageFromChannel: true });
    assert.match((await giulia.intends('Launch')).speech, /^Ti diamo il benvenuto da Corner Market\./);
    // The model fixes the language: what was said in English does not move an Italian skill session.
    assert.match((await giulia.intends('ViewCart')).speech, /^Il tuo carrello è vuoto\./);
  });

  it("keeps a voice platform's language on the customer, for notifications on their text channels, below a language they asked for", async () => {
    const paulo = new Shopper('alexa', 'amzn1.ask.account.PAULO', { locale: 'pt-BR', languageFromChannel: true });
    assert.match((await paulo.intends('Launch')).speech, /^Boas-vindas à Corner Market\./);
    const voiceCustomer = async (userId: string) => {
      const { customerId } = (await ChannelIdentityModel.findOne({ channel: 'alexa', externalId: userId }).lean())!;
      return (await CustomerModel.findById(customerId).lean())!;
    };
    assert.deepEqual([(await voiceCustomer('amzn1.ask.account.PAULO')).locale, (await voiceCustomer('amzn1.ask.account.PAULO')).localeSource], ['pt-BR', 'detected']);

    const clara = new Shopper('alexa', 'amzn1.ask.account.CLARA', { locale: 'en-US', languageFromChannel: true });
    await clara.intends('Launch');
    await CustomerModel.updateOne({ _id: (await voiceCustomer('amzn1.ask.account.CLARA'))._id }, { $set: { locale: 'it-IT', localeSource: 'asked' } });
    await SessionModel.deleteMany({ channel: 'alexa', channelUserId: 'amzn1.ask.account.CLARA' });
    const claraInPortuguese = new Shopper('alexa', 'amzn1.ask.account.CLARA', { locale: 'pt-BR', languageFromChannel: true });
    assert.match((await claraInPortuguese.intends('Launch')).speech, /^Boas-vindas à Corner Market\./, 'the skill speaks its model language');
    const clara2 = await voiceCustomer('amzn1.ask.account.CLARA');
    assert.deepEqual([clara2.locale, clara2.localeSource], ['it-IT', 'asked'], 'what she asked for stays for her notifications');
  });

  it('detects a sentence outside the vocabulary with franc, and leaves a word it cannot place to the channel', async () => {
    assert.equal(await detectLanguage('Buongiorno, avete ancora il caffè colombiano in grani?', 'en-US'), 'it-IT');
    assert.equal(await detectLanguage('Dzień dobry, szukam czegoś słodkiego dla dzieci', 'en-US'), 'pl-PL');
    assert.equal(await detectLanguage('Aș vrea să știu când ajunge comanda mea de ieri', 'en-US'), 'ro-RO');
    assert.equal(await detectLanguage('我想买点咖啡', 'en-US'), 'zh-CN');
    assert.equal(await detectLanguage('add two pasta', 'pt-BR'), 'en-US');
    assert.equal(await detectLanguage('👍', 'en-US'), null);
    assert.equal(languageRequestIn('Fale português, por favor!'), 'pt-BR');
    assert.equal(languageRequestIn('I want to learn english with a book about the english language'), null);
  });
});
