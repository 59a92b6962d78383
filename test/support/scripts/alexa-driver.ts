import assert from 'node:assert/strict';
import type { Express } from 'express';
import type { Types } from 'mongoose';
import { linkedAlexaToken } from '../alexa-linking';
import { alexaEnvelope, postSigned } from '../alexa-requests';
import { AlexaUnderstanding, type DialogDirective } from './alexa-nlu';
import { unescapeXml, type ScriptDriver } from './driver';

const understandings = new Map<string, AlexaUnderstanding>();

interface AlexaResponseBody {
  version: string;
  response: { outputSpeech?: { type: string; ssml?: string }; reprompt?: { outputSpeech: { ssml?: string } }; directives?: DialogDirective[]; shouldEndSession?: boolean };
}

/** Alexa: each line becomes the IntentRequest Alexa would send (see alexa-nlu.ts), signed, from a linked, recognized speaker. */
export class AlexaDriver implements ScriptDriver {
  readonly channel = 'alexa' as const;
  readonly voice = true;
  readonly externalId: string;
  private accessToken = '';
  private directives: DialogDirective[] = [];
  private heard = '';
  private readonly understanding: AlexaUnderstanding;

  /** `locale` is the request's locale, read with the skill's interaction model for it. */
  constructor(
    private readonly app: Express,
    runId: string,
    private readonly locale = 'en-US',
  ) {
    this.externalId = `amzn1.ask.account.SCRIPT${runId.toUpperCase()}`;
    if (!understandings.has(locale)) understandings.set(locale, new AlexaUnderstanding(locale));
    this.understanding = understandings.get(locale)!;
  }

  async prepare(customerId: Types.ObjectId): Promise<void> {
    this.accessToken = await linkedAlexaToken(customerId);
  }

  async say(text: string): Promise<void> {
    const envelope = alexaEnvelope(this.understanding.understand(text, this.directives), { userId: this.externalId, accessToken: this.accessToken, locale: this.locale });
    const res = await postSigned(this.app, envelope);
    assert.equal(res.status, 200, res.text);
    const { version, response } = res.body as AlexaResponseBody;
    assert.equal(version, '1.0');
    const ssml = response.outputSpeech?.ssml ?? '';
    assert.match(ssml, /^<speak>[\s\S]*<\/speak>$/, 'speech is SSML');
    if (response.shouldEndSession === false) assert.ok(response.reprompt?.outputSpeech.ssml, 'a reply that keeps the session open has a reprompt');
    this.directives = response.directives ?? [];
    this.heard = unescapeXml(ssml.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim();
  }

  /** Voice has no buttons: a choice is picked by saying it. */
  pick(choice: string | number): Promise<void> {
    if (typeof choice === 'number') throw new Error('on voice a choice is picked by saying it: give its label');
    return this.say(choice);
  }

  lastOutput(): string {
    return this.heard;
  }
}
