import assert from 'node:assert/strict';
import request from 'supertest';
import { ALL_MODELS } from '../../models';
import { computeWechatSignature } from '../../src/channels/wechat/signature';
import { createApp } from '../../src/http/app';
import { freshDemoStore } from '../support/commerce';
import { silentLog, testConfig, TEST_ADMIN_KEY } from '../support/config';

/** Issue 16, lower severity: inputs that gave a 500 are the caller's mistake and get a 4xx. */

const config = testConfig();
const app = createApp({ config, log: silentLog, channelOverrides: { wechat: { replyBudgetMs: Infinity } } });

async function documentCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of ALL_MODELS) counts[model.modelName] = await model.countDocuments();
  return counts;
}

function wechatPush(xml: string, openid: string) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  const nonce = String(Math.floor(Math.random() * 1e9));
  return request(app)
    .post('/wechat')
    .query({ signature: computeWechatSignature(config.WECHAT_TOKEN!, timestamp, nonce), timestamp, nonce, openid })
    .set('content-type', 'text/xml')
    .send(xml);
}

describe('security: malformed input is a 4xx, never a 500 (issue 16)', () => {
  beforeEach(freshDemoStore);

  it('a malformed percent-encoded admin path parameter is 400', async () => {
    const res = await request(app).get('/admin/products/%E0%A4%A').set('x-api-key', TEST_ADMIN_KEY);
    assert.equal(res.status, 400, res.text);
    assert.equal(res.body.error.code, 'VALIDATION_FAILED');
  });

  it('a malformed percent-encoded OAuth interaction id is 400', async () => {
    const res = await request(app).post('/oauth/interaction/%E0%A4%A/login').type('form').send({ code: '1234' });
    assert.equal(res.status, 400, res.text);
  });

  for (const element of ['__proto__', 'constructor', 'prototype']) {
    it(`a WeChat push with a <${element}> element is 400 and writes nothing`, async () => {
      const before = await documentCounts();
      const openid = 'oTpbs6Cp0Xv3kQm9JrL2aB7dE263';
      const xml = `<xml><ToUserName><![CDATA[gh_3c884a361561]]></ToUserName><FromUserName><![CDATA[${openid}]]></FromUserName><CreateTime>${Math.floor(Date.now() / 1000)}</CreateTime><MsgType><![CDATA[text]]></MsgType><${element}><MsgType>event</MsgType></${element}><Content><![CDATA[hi]]></Content><MsgId>24762662405509001</MsgId></xml>`;
      const res = await wechatPush(xml, openid);
      assert.equal(res.status, 400, res.text);
      assert.equal(res.body.error.code, 'MALFORMED_BODY');
      assert.deepEqual(await documentCounts(), before);
    });
  }
});
