import assert from 'node:assert/strict';
import { ChannelIdentityModel, CustomerModel, OrderModel } from '../../models';
import type { Channel } from '../../src/core/channels';
import { addCustomer, freshDemoStore } from '../support/commerce';
import { Shopper } from '../support/conversation';

/**
 * Issue 21's conversation script in each new language, typed as a shopper of that language writes it:
 * browse, add, check out through the guard, order placed, order status, reorder, opt-out. The channel is
 * not under test here (the channels' own suites cover their HTTP), so each shopper talks to the pipeline.
 */

interface Script {
  locale: string;
  channel: Channel;
  steps: [said: string, expect: RegExp][];
}

const ORDER = '(\\d{3}-\\d{3})';

const SCRIPTS: Script[] = [
  {
    locale: 'pt-BR',
    channel: 'whatsapp',
    steps: [
      ['oi', /^Boas-vindas à Corner Market\./],
      ['mostre café', /^Encontrei: .*Café Colombiano.*Qual você prefere\?/],
      ['quero 2 cafés colombianos', /^Adicionei 2 unidades de Café Colombiano\. O carrinho está em US\$\s25,98/],
      ['finalizar compra', /^Seu pedido na Corner Market: 2 unidades de Café Colombiano a US\$\s12,99 cada, com entrega em 1 Main St.*Posso fazer o pedido\?/],
      ['sim', new RegExp(`^Pronto\\. O número do seu pedido é ${ORDER}, total de US\\$\\s\\d+,\\d{2}\\.`)],
      ['onde está meu pedido', new RegExp(`^O pedido ${ORDER} de .+ está registrado\\.`)],
      ['repetir o último pedido', new RegExp(`^Seu pedido ${ORDER} de .+ tinha 2 unidades de Café Colombiano\\.`)],
      ['não', /^Mais alguma coisa\?$/],
      ['pare de me mandar ofertas', /^Você não vai mais receber mensagens de marketing\./],
    ],
  },
  {
    locale: 'it-IT',
    channel: 'sms',
    steps: [
      ['ciao', /^Ti diamo il benvenuto da Corner Market\./],
      ['cerca tè', /^Ecco cosa ho trovato: .*Tè Verde/],
      ['vorrei due sacchetti di tè verde', /^Ho aggiunto 2 confezioni di Tè Verde\./],
      ['cassa', /^Il tuo ordine da Corner Market: 2 confezioni di Tè Verde a .+ l'una, consegna a 1 Main St.*Confermo l'ordine\?/],
      ['sì', new RegExp(`^Fatto\\. Il numero del tuo ordine è ${ORDER}`)],
      ["dov'è il mio ordine", new RegExp(`^L'ordine ${ORDER} di .+ è confermato\\.`)],
      ['riordina', /conteneva 2 confezioni di Tè Verde\./],
      ['no grazie', /^Desideri altro\?$/],
      ['smetti di mandarmi offerte', /^Non riceverai più messaggi promozionali\./],
    ],
  },
  {
    locale: 'zh-CN',
    channel: 'wechat',
    steps: [
      ['你好', /^欢迎来到Corner Market。/],
      ['看看咖啡', /^我找到了：.*哥伦比亚咖啡/],
      ['我要两袋哥伦比亚咖啡', /^已添加2 件哥伦比亚咖啡。购物车合计/],
      ['结账', /^您在Corner Market的订单：2 件哥伦比亚咖啡，每件.+送到1 Main St.+要下单吗？$/],
      ['是的', new RegExp(`^下单成功。您的订单号是${ORDER}`)],
      ['我的订单在哪', new RegExp(`订单${ORDER}已下单。`)],
      ['再来一单', /包括2 件哥伦比亚咖啡。/],
      ['不用', /^还需要别的吗？$/],
      ['不要再给我发优惠', /^您将不再收到我们的营销消息。/],
    ],
  },
  {
    locale: 'pl-PL',
    channel: 'whatsapp',
    steps: [
      ['dzień dobry', /^Witaj w Corner Market\./],
      ['pokaż herbatę', /^Oto, co udało się znaleźć: .*Herbata Zielona/],
      ['dodaj dwie paczki kawy kolumbijskiej', /^Dodano do koszyka: Kawa Kolumbijska: 2 sztuki\./],
      ['do kasy', /^Twoje zamówienie w Corner Market: Kawa Kolumbijska: 2 sztuki po .+ za sztukę, dostawa na adres 1 Main St.*Czy złożyć zamówienie\?/],
      ['tak', new RegExp(`^Gotowe\\. Numer Twojego zamówienia to ${ORDER}`)],
      ['gdzie jest moje zamówienie', new RegExp(`^Zamówienie ${ORDER} z dnia .+ jest złożone\\.`)],
      ['zamów ponownie', /zawierało: Kawa Kolumbijska: 2 sztuki\./],
      ['nie', /^Coś jeszcze\?$/],
      ['przestań wysyłać mi oferty', /^Nie będziesz już dostawać od nas wiadomości marketingowych\./],
    ],
  },
  {
    locale: 'ro-RO',
    channel: 'sms',
    steps: [
      ['bună ziua', /^Bine ai venit la Corner Market\./],
      ['caută ceai', /^Iată ce am găsit: .*Ceai Verde/],
      ['adaugă două pungi de ceai verde', /^Am adăugat 2 bucăți de Ceai Verde\./],
      ['finalizează comanda', /^Comanda ta de la Corner Market: 2 bucăți de Ceai Verde la .+ bucata, livrare la 1 Main St.*Plasez comanda\?/],
      ['da', new RegExp(`^Gata\\. Numărul comenzii tale este ${ORDER}`)],
      ['unde este comanda mea', new RegExp(`^Comanda ${ORDER} din .+ este plasată\\.`)],
      ['comandă din nou', /conținea 2 bucăți de Ceai Verde\./],
      ['nu', /^Mai dorești ceva\?$/],
      ['nu-mi mai trimite oferte', /^Nu vei mai primi mesaje de marketing de la noi\./],
    ],
  },
];

describe('the conversation script in every new language', () => {
  before(freshDemoStore);

  for (const script of SCRIPTS) {
    it(`${script.locale} on ${script.channel}: browse, add, the guard, placed, status, reorder, opt-out`, async () => {
      const userId = `lang-${script.locale}`;
      const customerId = await addCustomer({ channel: script.channel, externalId: userId });
      const shopper = new Shopper(script.channel, userId);
      for (const [said, expect] of script.steps) {
        const { text } = await shopper.says(said);
        assert.match(text, expect, `after "${said}": ${text}`);
      }
      const orders = await OrderModel.find({ customerId }).lean();
      assert.equal(orders.length, 1);
      assert.equal(orders[0]!.status, 'placed');
      const customer = (await CustomerModel.findById(customerId).lean())!;
      assert.equal(customer.locale, script.locale, 'the language found is kept on the customer');
      assert.ok(await ChannelIdentityModel.exists({ channel: script.channel, externalId: userId }));
    });
  }

  for (const locale of ['pt-BR', 'it-IT']) {
    it(`${locale} on Alexa: the request locale speaks, the catalogue's ${locale} names are heard`, async () => {
      const userId = `amzn1.ask.account.LANG-${locale}`;
      await addCustomer({ channel: 'alexa', externalId: userId });
      const shopper = new Shopper('alexa', userId, { locale, languageFromChannel: true });
      const product = locale === 'pt-BR' ? 'café colombiano' : 'caffè colombiano';
      const added = await shopper.intends('AddToCart', { product, quantity: 2 });
      assert.match(added.speech, locale === 'pt-BR' ? /^Adicionei 2 unidades de Café Colombiano\. O carrinho está em 25,98 Dólares americanos/ : /^Ho aggiunto 2 confezioni di Caffè Colombiano\. Il carrello arriva a 25,98 dollari statunitensi/);
      const readBack = await shopper.intends('Checkout');
      assert.equal(readBack.confirmation?.kind, 'purchase');
      assert.match(readBack.speech, locale === 'pt-BR' ? /Posso fazer o pedido\?$/ : /Confermo l'ordine\?$/);
    });
  }
});
