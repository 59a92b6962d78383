import assert from 'node:assert/strict';
import twilio from 'twilio';
import { computeTwilioSignature, verifyTwilioSignature, type TwilioParams } from '../../../src/channels/sms/signature';

describe('sms twilio signature', () => {
  const token = '12345abcdef0123456789abcdef01234';
  const params: TwilioParams = {
    MessageSid: 'SM0123456789abcdef0123456789abcdef',
    AccountSid: 'AC0123456789abcdef0123456789abcdef',
    From: '+14155550100',
    To: '+14155550199',
    Body: 'Reply 2 😀 & café = ok?',
    NumMedia: '0',
  };
  const withArrays: TwilioParams = { ...params, MediaUrl: ['https://b.example/2', 'https://a.example/1', 'https://b.example/2'], Zeta: ['z'] };

  const urls = [
    'https://shop.example.com/sms',
    'https://shop.example.com/sms?tenant=acme&x=1',
    'https://shop.example.com:443/sms?tenant=acme',
    'https://shop.example.com:8443/sms?tenant=acme',
    'http://shop.example.com/sms',
    'http://shop.example.com:80/sms',
    'https://user:pass@shop.example.com/sms?q=a%20b',
    "https://shop.example.com/sms?name=o'brien",
  ];

  it('matches the classic documented example vector', () => {
    // The long-standing docs example (token 12345, this URL and params); value also published in third-party ports.
    const url = 'https://mycompany.com/myapp.php?foo=1&bar=2';
    const docParams = { CallSid: 'CA1234567890ABCDE', Caller: '+12349013030', Digits: '1234', From: '+12349013030', To: '+18005551212' };
    assert.equal(computeTwilioSignature('12345', url, docParams), twilio.getExpectedTwilioSignature('12345', url, docParams));
    assert.equal(computeTwilioSignature('12345', url, docParams), '0/KCTR6DLpKmkAf8muzZqo1nDgQ=');
  });

  it('computes the same signature as the official library', () => {
    for (const url of urls) {
      for (const p of [params, withArrays, {}]) {
        assert.equal(computeTwilioSignature(token, url, p), twilio.getExpectedTwilioSignature(token, url, p), url);
      }
    }
  });

  it('agrees with validateRequest, with and without explicit ports', () => {
    const variants = (url: string): string[] => {
      const parsed = /^(https?:\/\/)([^/:]+)(:\d+)?(.*)$/.exec(url.replace('user:pass@', ''));
      if (!parsed) return [url];
      const [, scheme = '', host = '', , rest = ''] = parsed;
      const userInfo = url.includes('user:pass@') ? 'user:pass@' : '';
      return [`${scheme}${userInfo}${host}${rest}`, `${scheme}${userInfo}${host}:443${rest}`, `${scheme}${userInfo}${host}:80${rest}`, `${scheme}${userInfo}${host}:8443${rest}`];
    };
    let accepted = 0;
    for (const configured of urls) {
      for (const signedUrl of variants(configured)) {
        for (const p of [params, withArrays]) {
          const signature = twilio.getExpectedTwilioSignature(token, signedUrl, p);
          const official = twilio.validateRequest(token, signature, configured, p);
          assert.equal(verifyTwilioSignature(token, signature, configured, p), official, `${signedUrl} vs ${configured}`);
          if (official) accepted += 1;
        }
      }
    }
    assert.ok(accepted > urls.length * 2);
  });

  it('accepts the default port either way and keeps the query string', () => {
    const signedWithout = computeTwilioSignature(token, 'https://shop.example.com/sms?tenant=acme', params);
    assert.equal(verifyTwilioSignature(token, signedWithout, 'https://shop.example.com:443/sms?tenant=acme', params), true);
    const signedWith = computeTwilioSignature(token, 'https://shop.example.com:443/sms?tenant=acme', params);
    assert.equal(verifyTwilioSignature(token, signedWith, 'https://shop.example.com/sms?tenant=acme', params), true);
    assert.equal(verifyTwilioSignature(token, signedWith, 'https://shop.example.com/sms?tenant=other', params), false);
    assert.equal(verifyTwilioSignature(token, signedWith, 'https://shop.example.com/sms', params), false);
    const signed8443 = computeTwilioSignature(token, 'https://shop.example.com:8443/sms', params);
    assert.equal(verifyTwilioSignature(token, signed8443, 'https://shop.example.com:8443/sms', params), true);
    assert.equal(verifyTwilioSignature(token, signed8443, 'https://shop.example.com/sms', params), false);
    // The helper's fallback: a back end that signed the WHATWG-normalized URL (' → %27).
    const configured = "https://shop.example.com/sms?name=o'brien";
    const signedEncoded = computeTwilioSignature(token, 'https://shop.example.com/sms?name=o%27brien', params);
    assert.equal(twilio.validateRequest(token, signedEncoded, configured, params), true);
    assert.equal(verifyTwilioSignature(token, signedEncoded, configured, params), true);
  });

  it('rejects a wrong token, a changed or added param, and a bad header', () => {
    const url = urls[1] ?? '';
    const signature = computeTwilioSignature(token, url, withArrays);
    assert.equal(verifyTwilioSignature(token, signature, url, withArrays), true);
    const cases: [string, string, TwilioParams][] = [
      ['wrong token', token.replace('1', '9'), withArrays],
      ['changed body', token, { ...withArrays, Body: 'Reply 3' }],
      ['added param', token, { ...withArrays, Extra: '' }],
      ['changed array', token, { ...withArrays, MediaUrl: ['https://a.example/1'] }],
    ];
    for (const [name, authToken, p] of cases) {
      assert.equal(verifyTwilioSignature(authToken, signature, url, p), false, name);
      assert.equal(twilio.validateRequest(authToken, signature, url, p), false, name);
    }
    assert.equal(verifyTwilioSignature(token, '', url, withArrays), false);
    assert.equal(verifyTwilioSignature(token, undefined, url, withArrays), false);
    assert.equal(verifyTwilioSignature(token, signature.slice(0, -1), url, withArrays), false);
    assert.equal(verifyTwilioSignature('', signature, url, withArrays), false);
  });
});
