import assert from 'node:assert/strict';
import { analyzeSms, fitToSegments, isGsm7 } from '../../../src/channels/sms/segments';

describe('sms segments', () => {
  const a = (n: number) => 'a'.repeat(n);

  it('counts GSM-7 single and concatenated segments', () => {
    assert.deepEqual(analyzeSms(''), { encoding: 'GSM-7', units: 0, segments: 0 });
    assert.deepEqual(analyzeSms('Hello'), { encoding: 'GSM-7', units: 5, segments: 1 });
    assert.deepEqual(analyzeSms(a(160)), { encoding: 'GSM-7', units: 160, segments: 1 });
    assert.deepEqual(analyzeSms(a(161)), { encoding: 'GSM-7', units: 161, segments: 2 });
    assert.deepEqual(analyzeSms(a(153 * 2)), { encoding: 'GSM-7', units: 306, segments: 2 });
    assert.deepEqual(analyzeSms(a(153 * 2 + 1)), { encoding: 'GSM-7', units: 307, segments: 3 });
    assert.equal(analyzeSms(a(1530)).segments, 10);
  });

  it('treats the whole GSM basic table (accents, Greek capitals, £¥§¿¡) as GSM-7', () => {
    const basic = '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCXYZÄÖÑÜ§¿abcxyzäöñüà';
    assert.equal(isGsm7(basic), true);
    assert.deepEqual(analyzeSms(basic), { encoding: 'GSM-7', units: Array.from(basic).length, segments: 1 });
    for (const char of ['ç', 'á', 'í', 'ó', 'ú', 'ê', '’', '“', '—', '…', '`', 'ñ'.normalize('NFD')]) {
      assert.equal(analyzeSms(char).encoding, 'UCS-2', `${char} is not GSM-7`);
    }
  });

  it('counts extension-table chars double, including form feed', () => {
    for (const char of ['^', '{', '}', '\\', '[', ']', '~', '|', '€', '\f']) {
      assert.deepEqual(analyzeSms(char), { encoding: 'GSM-7', units: 2, segments: 1 }, JSON.stringify(char));
    }
    assert.deepEqual(analyzeSms(a(158) + '€'), { encoding: 'GSM-7', units: 160, segments: 1 });
    assert.deepEqual(analyzeSms(a(159) + '€'), { encoding: 'GSM-7', units: 161, segments: 2 });
  });

  it('never splits an extension pair across segments', () => {
    // 152 + € would straddle the 153 boundary: € moves to part 2, so 152 | 2+153 → part 2 overflows.
    const text = a(152) + '€' + a(152);
    assert.equal(analyzeSms(text).units, 306); // ceil(306 / 153) would say 2
    assert.equal(analyzeSms(text).segments, 3);
    assert.equal(analyzeSms(a(151) + '€' + a(153)).segments, 2); // 151+2 | 153
  });

  it('switches to UCS-2 on one emoji, counting UTF-16 units', () => {
    assert.deepEqual(analyzeSms('Hi 😀'), { encoding: 'UCS-2', units: 5, segments: 1 });
    assert.deepEqual(analyzeSms(a(159) + '😀'), { encoding: 'UCS-2', units: 161, segments: 3 });
    assert.deepEqual(analyzeSms('ж'.repeat(70)), { encoding: 'UCS-2', units: 70, segments: 1 });
    assert.deepEqual(analyzeSms('ж'.repeat(71)), { encoding: 'UCS-2', units: 71, segments: 2 });
    assert.deepEqual(analyzeSms('ж'.repeat(134)), { encoding: 'UCS-2', units: 134, segments: 2 });
    assert.deepEqual(analyzeSms('ж'.repeat(135)), { encoding: 'UCS-2', units: 135, segments: 3 });
    assert.deepEqual(analyzeSms('😀'.repeat(35)), { encoding: 'UCS-2', units: 70, segments: 1 });
    // Extension chars are ordinary single units in UCS-2.
    assert.deepEqual(analyzeSms('ж€'), { encoding: 'UCS-2', units: 2, segments: 1 });
  });

  it('never splits a surrogate pair across segments', () => {
    const text = 'ж'.repeat(66) + '😀' + 'ж'.repeat(66); // 134 units
    assert.equal(analyzeSms(text).units, 134);
    assert.equal(analyzeSms(text).segments, 3);
    assert.equal(analyzeSms('ж'.repeat(65) + '😀' + 'ж'.repeat(67)).segments, 2);
  });

  describe('fitToSegments', () => {
    const words = Array.from({ length: 1000 }, (_, i) => `word${i % 37}`).join(' ');

    it('returns fitting text unchanged', () => {
      assert.equal(fitToSegments('Hello there', 1), 'Hello there');
      assert.equal(fitToSegments(a(160), 1), a(160));
    });

    it('trims GSM text at a word boundary with "..." and stays GSM-7', () => {
      const fitted = fitToSegments(words, 1);
      assert.ok(fitted.endsWith('...'));
      assert.ok(words.startsWith(fitted.slice(0, -3) + ' '), 'cut at a word boundary');
      assert.deepEqual([analyzeSms(fitted).encoding, analyzeSms(fitted).segments], ['GSM-7', 1]);
      assert.ok(fitted.length > 150);
    });

    it('uses "…" for UCS-2 text', () => {
      const fitted = fitToSegments('Привет мир '.repeat(40), 2);
      assert.ok(fitted.endsWith('…'));
      assert.equal(analyzeSms(fitted).encoding, 'UCS-2');
      assert.ok(analyzeSms(fitted).segments <= 2);
    });

    it('never exceeds the budget for 5000 chars of any kind', () => {
      const samples = [
        a(5000),
        words.slice(0, 5000),
        'x€ '.repeat(1700).slice(0, 5000),
        'Great pick 😀 '.repeat(400),
        '😀'.repeat(2500),
        'жжж 😀€ '.repeat(700),
        '{}'.repeat(2500),
      ];
      for (const text of samples) {
        for (let budget = 0; budget <= 12; budget += 1) {
          const fitted = fitToSegments(text, budget);
          assert.ok(analyzeSms(fitted).segments <= budget, `budget ${budget}: ${analyzeSms(fitted).segments}`);
          if (budget >= 1) assert.ok(fitted.length > 0);
          assert.doesNotMatch(fitted, /[\ud800-\udbff]$|[\ud800-\udbff](?![\udc00-\udfff])/, 'no broken surrogate');
        }
      }
    });

    it('keeps a suffix whole and trims the text before it', () => {
      const fitted = fitToSegments(words, 2, { suffix: '\n1) Yes\n2) No' });
      assert.ok(fitted.endsWith('...\n1) Yes\n2) No'));
      assert.ok(analyzeSms(fitted).segments <= 2);
      assert.equal(fitToSegments(words, 1, { suffix: a(160) }), a(160));
      assert.equal(fitToSegments(words, 1, { suffix: a(161) }), '');
    });
  });
});
