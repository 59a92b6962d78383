import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECK_RULES } from '../../src/certify/rules';
import { invocationNameProblems } from '../../src/certify/model-checks';
import { ssmlProblems } from '../../src/certify/ssml';

describe('certify rules', () => {
  describe('invocation names', () => {
    const cases: [string, RegExp | null][] = [
      ['corner market', null],
      ["sam's science trivia", null],
      ['a. b. c. shop', null],
      ['market', /is one word/],
      ['alexa market', /wake word or reserved word "alexa"/],
      ['corner market app', /reserved word "app"/],
      ['open market', /launch phrase "open"/],
      ['the market', /only two words and one is the article or preposition "the"/],
      ['shop for', /article or preposition "for"/],
      ['the corner market', null],
      ['Corner Market', /"Corner", "Market": only lowercase letters/],
      ['corner market two', null],
      ['corner market 2', /"2": only lowercase letters, spaces, possessive apostrophes and the periods of initials \("a\. b\. c\."\) are allowed \(spell numbers out\)/],
      ['corner  market', /double spaces/],
      ["corner market's", null],
      ["corner'market", /"corner'market"/],
    ];
    for (const [name, expected] of cases) {
      it(`${JSON.stringify(name)} ${expected ? 'fails' : 'passes'}`, () => {
        const problems = invocationNameProblems(name, []);
        if (!expected) assert.deepEqual(problems, []);
        else assert.ok(problems.some((problem) => expected.test(problem)), problems.join('; '));
      });
    }
    it('accepts a one-word brand from the allow-list, but not a wake word even then', () => {
      assert.deepEqual(invocationNameProblems('zappomart', ['zappomart']), []);
      assert.match(invocationNameProblems('echo', ['echo']).join(), /wake word/);
    });
  });

  describe('SSML', () => {
    it('accepts what Alexa supports', () => {
      assert.deepEqual(ssmlProblems('<speak>Salt &amp; Pepper <break time="1s"/> <say-as interpret-as="digits">482</say-as> <amazon:effect name="whispered">hi</amazon:effect></speak>'), []);
    });
    it('refuses a bare ampersand, an unclosed tag, an unsupported tag and a missing <speak>', () => {
      assert.match(ssmlProblems('<speak>Salt & Pepper</speak>').join(), /not well-formed XML|unescaped "&"/);
      assert.match(ssmlProblems('<speak><emphasis>loud</speak>').join(), /not well-formed XML/);
      assert.deepEqual(ssmlProblems('<speak><b>bold</b></speak>'), ['uses tags Alexa does not support: <b>']);
      assert.deepEqual(ssmlProblems('Hello'), ['is not wrapped in <speak>…</speak>']);
    });
  });

  it('docs/certification.md explains every rule of the checklist', () => {
    const docs = readFileSync(path.resolve(__dirname, '../../docs/certification.md'), 'utf8');
    const undocumented = Object.keys(CHECK_RULES).filter((id) => !docs.includes(`\`${id}\``));
    assert.deepEqual(undocumented, []);
    for (const rule of Object.values(CHECK_RULES)) assert.ok(docs.includes(rule.source.url), `docs/certification.md does not cite ${rule.source.url}`);
  });
});
