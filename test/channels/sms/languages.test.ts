import assert from 'node:assert/strict';
import { ChannelIdentityModel } from '../../../models';
import { renderSms } from '../../../src/channels/sms/render';
import { analyzeSms, transliterateToGsm } from '../../../src/channels/sms/segments';
import { createApp } from '../../../src/http/app';
import { currentConsent } from '../../../src/store/consent-store';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';
import { textSms } from '../../support/twilio-webhooks';

/** Issue 21 on SMS: exact segments in every language, optional GSM-7 transliteration, localized keywords. */

const POLISH = 'Dodano do koszyka: Kawa Kolumbijska: 2 sztuki. Wartość koszyka to 25,98 USD bez podatku i dostawy. Coś jeszcze, czy przejść do kasy? Zażółć gęślą jaźń.';
const ROMANIAN = 'Am adăugat 2 bucăți de Cafea Columbiană. Coșul ajunge la 25,98 USD, fără taxe și livrare. Mai dorești ceva, sau finalizez comanda?';

describe('SMS in the other languages', () => {
  it('counts segments exactly: diacritics outside GSM-7 switch to UCS-2 (70 a segment, 67 when split)', () => {
    const polish = analyzeSms(POLISH);
    assert.deepEqual([polish.encoding, polish.units, polish.segments], ['UCS-2', Array.from(POLISH).length, Math.ceil(Array.from(POLISH).length / 67)]);
    // Italian and Portuguese letters GSM-7 has (è, à, é, ò, ù, ì) keep GSM-7; Portuguese ã/ç/õ do not all.
    assert.equal(analyzeSms('Sì, è già nel carrello. Però ho aggiunto più caffè.').encoding, 'GSM-7');
    assert.equal(analyzeSms('Não, obrigado.').encoding, 'UCS-2');
    assert.equal(analyzeSms('我要两袋咖啡').segments, 1);
  });

  it('transliterates to GSM-7 only what it can, keeping the letters GSM-7 has and Chinese as it is', () => {
    assert.equal(transliterateToGsm('Zażółć gęślą jaźń'), 'Zazolc gesla jazn');
    assert.equal(transliterateToGsm('Coșul, țara, şi ţară'), 'Cosul, tara, si tara');
    assert.equal(transliterateToGsm('Não, é só café'), 'Nao, é so café');
    assert.equal(transliterateToGsm('我要两袋咖啡'), '我要两袋咖啡');
    const plain = analyzeSms(transliterateToGsm(POLISH));
    assert.equal(plain.encoding, 'GSM-7');
    assert.ok(plain.segments < analyzeSms(POLISH).segments, 'fewer segments: the cost the setting saves');
  });

  it('renders a reply transliterated only when the setting is on', () => {
    const reply = { speech: ROMANIAN, text: ROMANIAN, endSession: false, locale: 'ro-RO' };
    assert.equal(renderSms(reply, { segmentBudget: 4 }).body, ROMANIAN);
    const folded = renderSms(reply, { segmentBudget: 4, transliterate: true }).body;
    assert.equal(folded, 'Am adaugat 2 bucati de Cafea Columbiana. Cosul ajunge la 25,98 USD, fara taxe si livrare. Mai doresti ceva, sau finalizez comanda?');
    assert.equal(analyzeSms(folded).encoding, 'GSM-7');
  });

  describe('over /sms', () => {
    const app = createApp({ config: testConfig(), log: silentLog });
    before(freshDemoStore);

    it('answers AJUDA in Portuguese, records PARAR as an opt-out without a reply, and STOP stays valid', async () => {
      const from = '+15550002222';
      assert.match(await textSms(app, from, 'oi'), /^Boas-vindas à Corner Market\./);
      assert.equal(await textSms(app, from, 'AJUDA'), 'Corner Market: compre e acompanhe pedidos por SMS, por exemplo "mostre café" ou "onde está meu pedido". Responda STOP ou PARAR para sair da lista.');
      assert.equal(await textSms(app, from, 'parar'), '');
      const { customerId } = (await ChannelIdentityModel.findOne({ channel: 'sms', externalId: from }).lean())!;
      assert.equal(await currentConsent(customerId, 'sms', 'transactional'), false);
      assert.equal(await textSms(app, from, 'START'), '');
      assert.equal(await currentConsent(customerId, 'sms', 'transactional'), true);
      assert.equal(await textSms(app, from, 'STOP'), '');
      assert.equal(await currentConsent(customerId, 'sms', 'transactional'), false);
    });

    it('takes BASTA, 退订 and the Romanian DEZABONARE as opt-outs, and answers AIUTO in Italian', async () => {
      assert.match(await textSms(app, '+15550003333', 'AIUTO'), /^Corner Market: fai la spesa e segui gli ordini via SMS/);
      for (const [from, word] of [['+15550003333', 'BASTA'], ['+15550004444', '退订'], ['+15550005555', 'Dezabonare']] as const) {
        assert.equal(await textSms(app, from, word), '');
        const { customerId } = (await ChannelIdentityModel.findOne({ channel: 'sms', externalId: from }).lean())!;
        assert.equal(await currentConsent(customerId, 'sms', 'transactional'), false, word);
      }
    });
  });
});
