import assert from 'node:assert/strict';
import { XMLParser } from 'fast-xml-parser';
import { ConfigError, loadConfig } from '../../../src/config';
import { passiveTextReplyXml, renderWechatText } from '../../../src/channels/wechat/render';
import { computeWechatSignature, isFreshTimestamp, verifyWechatSignature } from '../../../src/channels/wechat/signature';
import type { Reply } from '../../../src/conversation/turn';
import { PAYLOADS } from '../../../src/conversation/understand';

const reply = (overrides: Partial<Reply>): Reply => ({ speech: '', text: '', endSession: false, ...overrides });
const bytes = (text: string) => Buffer.byteLength(text, 'utf8');

describe('wechat render', () => {
  it('keeps a reply that fits unchanged, with short choices inline', () => {
    assert.equal(renderWechatText(reply({ text: '购买燕麦奶 $3.99?', choices: [{ id: PAYLOADS.yes, label: 'Yes' }, { id: PAYLOADS.no, label: 'No' }] })), '购买燕麦奶 $3.99?\nReply 1 for Yes, 2 for No.');
  });

  it('trims Chinese text to 2048 UTF-8 bytes at a character boundary with an ellipsis', () => {
    const text = '您的订单已发货，预计明天送达。'.repeat(60); // 15 chars × 3 bytes × 60 = 2700 bytes
    const body = renderWechatText(reply({ text }));
    assert.ok(bytes(body) <= 2048, `${bytes(body)} bytes`);
    assert.ok(bytes(body) > 2040, 'as much as fits is kept');
    assert.ok(body.endsWith('…'));
    assert.ok(text.startsWith(body.slice(0, -1)), 'cut between whole characters, nothing garbled');
    assert.ok(!body.includes('\uFFFD'));
  });

  it('never splits an emoji or a combined character', () => {
    const text = '👨‍👩‍👧 '.repeat(200) + 'x'.repeat(10);
    const body = renderWechatText(reply({ text }), 100);
    assert.ok(bytes(body) <= 100);
    assert.match(body, /^(👨‍👩‍👧 )*👨‍👩‍👧…$/u);
  });

  it('keeps numbered choices whole and shortens the text before them', () => {
    const choices = ['哥伦比亚咖啡', '埃塞俄比亚咖啡', '法式烘焙咖啡', '绿茶', '乌龙茶'].map((label, i) => ({ id: PAYLOADS.pick(`SKU-${i}`), label }));
    const body = renderWechatText(reply({ text: '为您找到以下商品：'.repeat(200), choices }));
    assert.ok(bytes(body) <= 2048);
    assert.match(body, /…\n1\) 哥伦比亚咖啡\n2\) 埃塞俄比亚咖啡\n3\) 法式烘焙咖啡\n4\) 绿茶\n5\) 乌龙茶$/);
  });

  it('drops choices from the end and says so when even the options do not fit', () => {
    const choices = Array.from({ length: 60 }, (_, i) => ({ id: PAYLOADS.pick(`SKU-${i}`), label: `商品名称很长很长的第${i + 1}号` }));
    const body = renderWechatText(reply({ text: '请选择：', choices }));
    assert.ok(bytes(body) <= 2048);
    const shown = [...body.matchAll(/^(\d+)\) /gm)].map((m) => Number(m[1]));
    assert.deepEqual(shown, Array.from({ length: shown.length }, (_, i) => i + 1), 'digits still match choice positions');
    assert.ok(shown.length < 60);
    assert.match(body, new RegExp(`\\n\\+${60 - shown.length} more: reply with what you want$`));
  });

  it('renders cards as plain lines and silence as nothing', () => {
    const cards = [{ sku: 'COF-001', title: 'Colombian Coffee', subtitle: '$12.99', choices: [] }];
    assert.equal(renderWechatText(reply({ text: 'Found:', cards })), 'Found:\nColombian Coffee - $12.99');
    assert.equal(renderWechatText(reply({ text: 'hi', silent: true })), '');
  });

  it('builds the passive XML reply, keeping any text intact inside CDATA', () => {
    const content = 'A ]]> B <b>&amp; 你好\u0001';
    const xml = passiveTextReplyXml({ toUser: 'oUser', fromAccount: 'gh_account', content, now: new Date('2026-11-23T12:00:00Z') });
    assert.ok(xml.startsWith('<xml><ToUserName><![CDATA[oUser]]></ToUserName><FromUserName><![CDATA[gh_account]]></FromUserName><CreateTime>1795435200</CreateTime><MsgType><![CDATA[text]]></MsgType>'));
    const parsed = new XMLParser({ parseTagValue: false }).parse(xml) as { xml: { Content: string } };
    assert.equal(parsed.xml.Content, 'A ]]> B <b>&amp; 你好', 'control characters XML cannot carry are dropped');
  });
});

describe('wechat signature', () => {
  it('is the sha1 of the sorted token, timestamp and nonce', () => {
    // Sorted: "123456789" < "1409304348" < "token"; sha1 of "1234567891409304348token" (by sha1sum).
    assert.equal(computeWechatSignature('token', '1409304348', '123456789'), '0162d114d907c4ef9d95ad479b340a31199907b6');
    assert.equal(computeWechatSignature('token', '1409304348', '123456789'), computeWechatSignature('token', '123456789', '1409304348'), 'order-independent by construction');
  });

  it('accepts the right signature in either case and refuses anything else', () => {
    const signature = computeWechatSignature('token', '1409304348', '123456789');
    assert.ok(verifyWechatSignature('token', signature, '1409304348', '123456789'));
    assert.ok(verifyWechatSignature('token', signature.toUpperCase(), '1409304348', '123456789'));
    assert.ok(!verifyWechatSignature('other', signature, '1409304348', '123456789'));
    assert.ok(!verifyWechatSignature('token', signature.slice(1), '1409304348', '123456789'));
    assert.ok(!verifyWechatSignature('', signature, '1409304348', '123456789'));
  });

  it('takes a timestamp as fresh within the window either way', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const at = (offset: number) => String(now.getTime() / 1000 + offset);
    assert.ok(isFreshTimestamp(at(-300), now, 300));
    assert.ok(isFreshTimestamp(at(300), now, 300));
    assert.ok(!isFreshTimestamp(at(-301), now, 300));
    assert.ok(!isFreshTimestamp(at(301), now, 300));
    assert.ok(!isFreshTimestamp('12e9', now, 300));
  });
});

describe('wechat reply budget setting', () => {
  it('stays under the 5-second window WeChat waits for a passive reply', () => {
    assert.equal(loadConfig({ NODE_ENV: 'test' }).WECHAT_REPLY_BUDGET_MS, 4000);
    assert.equal(loadConfig({ NODE_ENV: 'test', WECHAT_REPLY_BUDGET_MS: '0' }).WECHAT_REPLY_BUDGET_MS, 0);
    assert.throws(() => loadConfig({ NODE_ENV: 'test', WECHAT_REPLY_BUDGET_MS: '5000' }), (error: unknown) => error instanceof ConfigError && /WECHAT_REPLY_BUDGET_MS: expected milliseconds from 0 to 4500/.test(error.message));
  });
});
