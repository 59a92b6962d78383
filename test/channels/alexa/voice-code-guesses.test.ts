import assert from 'node:assert/strict';
import { ChannelIdentityModel, OrderModel, VoiceCodeAttemptModel } from '../../../models';
import { createApp } from '../../../src/http/app';
import { linkedAlexaToken } from '../../support/alexa-linking';
import { alexaEnvelope, intent, postSigned, testVerifierOptions, type AlexaRequestBody } from '../../support/alexa-requests';
import { freshDemoStore } from '../../support/commerce';
import { silentLog, testConfig } from '../../support/config';

/**
 * Issue 16: wrong voice codes were counted after the comparison, so a batch of parallel guesses was
 * compared in full and the right code anywhere in it placed the order. Each guess now takes one of
 * the three numbered attempts before it is compared; the rest are refused unheard.
 */

// No progressive responses: nothing but the skill's own answers.
const app = createApp({ config: testConfig(), log: silentLog, channelOverrides: { alexa: { verifier: testVerifierOptions, progressiveAfterMs: 60_000 } } });
const COFFEE = { value: 'colombian coffee', id: 'COF-001' };

describe('voice code: parallel guesses (issue 16)', () => {
  let token = '';
  beforeEach(async () => {
    await freshDemoStore();
    const alice = await ChannelIdentityModel.findOne({ channel: 'alexa', externalId: 'amzn1.ask.account.ALICE' }).lean();
    token = await linkedAlexaToken(alice!.customerId);
  });

  async function say(body: AlexaRequestBody): Promise<string> {
    const res = await postSigned(app, alexaEnvelope(body, { accessToken: token }));
    assert.equal(res.status, 200, JSON.stringify(res.body));
    return (res.body.response.outputSpeech?.ssml as string) ?? '';
  }

  it('compares at most three of ten parallel guesses; the others, the right code among them, are refused unheard', async () => {
    await say(intent('AddToCartIntent', { product: COFFEE, quantity: '2' }));
    await say(intent('CheckoutIntent'));
    assert.match(await say(intent('CheckoutIntent', {}, 'CONFIRMED')), /four-digit voice code/);

    // Alice's code is 4321 (demo data): nine wrong guesses and the right one, all at once, the right one last.
    const guesses = [...Array.from({ length: 9 }, (_, n) => `900${n}`), '4321'];
    const answers = await Promise.all(guesses.map((code) => say(intent('VoiceCodeIntent', { code }))));
    // What was compared is what was counted: three guesses at most, whatever the batch.
    const counted = await VoiceCodeAttemptModel.countDocuments();
    assert.ok(counted <= 3, `only three guesses may be compared, ${counted} were:\n${answers.join('\n')}`);
    const placed = await OrderModel.countDocuments();
    if (/entered wrong three times/.test(answers.at(-1)!)) assert.equal(placed, 0, 'the right code, refused unheard, placed nothing');
    else assert.ok(placed === 1 && counted <= 2, 'the right code placed the order only as one of the first three guesses');
  });
});
