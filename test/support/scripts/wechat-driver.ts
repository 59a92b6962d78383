import assert from 'node:assert/strict';
import { createHash, randomInt } from 'node:crypto';
import type { Express } from 'express';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import type { Config } from '../../../src/config';
import { chooseAmong, numberedChoices, type ScriptDriver } from './driver';

const ACCOUNT = 'gh_3c884a361561';
const parser = new XMLParser({ parseTagValue: false });

/** WeChat: signed XML pushes on POST /wechat, answered by a passive XML reply; choices are numbered text. */
export class WeChatDriver implements ScriptDriver {
  readonly channel = 'wechat' as const;
  readonly voice = false;
  readonly externalId: string;
  private content = '';
  private msgSeq = 0;

  constructor(
    private readonly app: Express,
    private readonly config: Config,
    runNumber: number,
  ) {
    // An OpenID is 28 characters.
    this.externalId = `oScript${String(runNumber).padStart(21, '0')}`;
  }

  async say(text: string): Promise<void> {
    const timestamp = String(Math.floor(Date.now() / 1000));
    const nonce = String(randomInt(100_000_000, 999_999_999));
    const signature = createHash('sha1').update([this.config.WECHAT_TOKEN!, timestamp, nonce].sort().join('')).digest('hex');
    const msgId = `${7_000_000_000_000_000_000n + BigInt(randomInt(1, 1_000_000_000)) * 1000n + BigInt(++this.msgSeq)}`;
    const xml = `<xml><ToUserName><![CDATA[${ACCOUNT}]]></ToUserName><FromUserName><![CDATA[${this.externalId}]]></FromUserName><CreateTime>${timestamp}</CreateTime><MsgType><![CDATA[text]]></MsgType><Content><![CDATA[${text}]]></Content><MsgId>${msgId}</MsgId></xml>`;
    const res = await request(this.app).post('/wechat').query({ signature, timestamp, nonce, openid: this.externalId }).set('content-type', 'text/xml').send(xml);
    assert.equal(res.status, 200, res.text);
    if (res.text === 'success') {
      this.content = '';
      return;
    }
    assert.match(res.headers['content-type'] ?? '', /^text\/xml/);
    const { xml: answer } = parser.parse(res.text) as { xml: Record<string, string> };
    assert.deepEqual(Object.keys(answer), ['ToUserName', 'FromUserName', 'CreateTime', 'MsgType', 'Content']);
    assert.equal(answer.ToUserName, this.externalId);
    assert.equal(answer.FromUserName, ACCOUNT);
    assert.equal(answer.MsgType, 'text');
    assert.ok(Buffer.byteLength(answer.Content!, 'utf8') <= 2048, 'a passive text reply is at most 2048 bytes');
    this.content = answer.Content!;
  }

  pick(choice: string | number): Promise<void> {
    return this.say(chooseAmong(numberedChoices(this.content), choice, this.content));
  }

  lastOutput(): string {
    return this.content;
  }
}
