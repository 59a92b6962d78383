import assert from 'node:assert/strict';
import request from 'supertest';
import { CartModel, ChannelIdentityModel, ProcessedEventModel, SessionModel } from '../../models';
import { drainBackground } from '../../src/channels/background';
import { WECHAT_LIMITS } from '../../src/channels/wechat/capabilities';
import { computeWechatSignature } from '../../src/channels/wechat/signature';
import { createApp } from '../../src/http/app';
import { sweepExpired } from '../../src/store/sweeper';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig } from '../support/config';

/** Issue 16 item 6: the WeChat signature covers only token, timestamp and nonce, never the body. */

const config = testConfig();
const app = createApp({ config, log: silentLog, channelOverrides: { wechat: { replyBudgetMs: Infinity } } });
const ACCOUNT = 'gh_3c884a361561';
const ALICE = 'oTpbs6Cp0Xv3kQm9JrL2aB7dE263';
const MALLORY = 'oTpbs6Eq1Yw4lRn0KsM3bC8eF917';

let seq = 0;
function textXml(from: string, content: string, msgId = String(24762662405509099n + BigInt(++seq))): string {
  return `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${from}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${content}]]></Content><MsgId>${msgId}</MsgId></xml>`;
}

function signedQuery(openid?: string, timestamp = String(Math.floor(Date.now() / 1000)), nonce = String(100_000_000 + ++seq)): Record<string, string> {
  const query: Record<string, string> = { signature: computeWechatSignature(config.WECHAT_TOKEN!, timestamp, nonce), timestamp, nonce };
  if (openid !== undefined) query.openid = openid;
  return query;
}

const push = (query: Record<string, string>, xml: string) => request(app).post('/wechat').query(query).set('content-type', 'text/xml').send(xml);

async function cartOf(openId: string): Promise<number> {
  const identity = await ChannelIdentityModel.findOne({ channel: 'wechat', externalId: openId }).lean();
  if (!identity) return 0;
  const cart = await CartModel.findOne({ customerId: identity.customerId }).lean();
  return cart?.lines.length ?? 0;
}

describe('security: a captured WeChat URL cannot post as anyone (issue 16 item 6)', () => {
  beforeEach(freshDemoStore);

  it('refuses a captured signed URL replayed with another body, for the same or another sender', async () => {
    const captured = signedQuery(ALICE);
    const first = await push(captured, textXml(ALICE, 'hello'));
    assert.equal(first.status, 200);
    await drainBackground();

    const sameSender = await push(captured, textXml(ALICE, 'add 3 bags of colombian coffee'));
    assert.equal(sameSender.status, 400, sameSender.text);
    assert.equal(sameSender.body.error.code, 'REQUEST_NOT_VERIFIED');
    assert.equal(sameSender.body.error.details.reason, 'replayed-nonce');

    // The attacker's own openid in the query does not help: the pair is spent.
    const otherSender = await push({ ...captured, openid: MALLORY }, textXml(MALLORY, 'add 3 bags of colombian coffee'));
    assert.equal(otherSender.status, 400);
    await drainBackground();
    assert.equal(await cartOf(ALICE), 0, 'nothing was added to the victim cart');
    assert.equal(await ChannelIdentityModel.countDocuments({ externalId: MALLORY }), 0);
  });

  it('answers a redelivery of the same message on the same URL with "success" and runs nothing twice', async () => {
    const query = signedQuery(ALICE);
    const xml = textXml(ALICE, 'add colombian coffee');
    assert.equal((await push(query, xml)).status, 200);
    const again = await push(query, xml);
    assert.equal(again.status, 200);
    assert.equal(again.text, 'success');
    await drainBackground();
    assert.equal(await cartOf(ALICE), 1);
  });

  it('requires openid, equal to FromUserName', async () => {
    const missing = await push(signedQuery(), textXml(ALICE, 'add colombian coffee'));
    assert.equal(missing.status, 400, missing.text);
    assert.equal(missing.body.error.code, 'VALIDATION_FAILED');
    const other = await push(signedQuery(MALLORY), textXml(ALICE, 'add colombian coffee'));
    assert.equal(other.status, 400);
    await drainBackground();
    assert.equal(await SessionModel.countDocuments({ channel: 'wechat' }), 0, 'nothing ran');
  });

  it('forgets a used pair once its timestamp is past the freshness window (swept)', async () => {
    const query = signedQuery(ALICE);
    assert.equal((await push(query, textXml(ALICE, 'hello'))).status, 200);
    await drainBackground();
    const rows = () => ProcessedEventModel.countDocuments({ key: `wechat-signature:${query.timestamp}:${query.nonce}` });
    assert.equal(await rows(), 1);
    await sweepExpired(new Date(Number(query.timestamp!) * 1000 + WECHAT_LIMITS.freshnessWindowSeconds * 1000 - 1000));
    assert.equal(await rows(), 1, 'kept while the timestamp is fresh');
    await sweepExpired(new Date(Date.now() + WECHAT_LIMITS.freshnessWindowSeconds * 1000 + 1000));
    assert.equal(await rows(), 0);
  });
});
