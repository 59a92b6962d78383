import assert from 'node:assert/strict';
import type { Express } from 'express';
import request from 'supertest';

export const PROJECT = 'corner-market-test';
export const SECRET = 'dev-google-webhook-secret';

export interface Say {
  /** The intent Dialogflow matched (display name). */
  intent: string;
  queryText: string;
  parameters?: Record<string, unknown>;
  /** What was said for each parameter, as Dialogflow repeats it in `__system_counters__` (`product.original`). */
  originals?: Record<string, string>;
  /** The Assistant's payload for a carousel or list tap. */
  option?: string;
  responseId?: string;
}

export interface DialogflowAnswer {
  fulfillmentText: string;
  fulfillmentMessages: Record<string, unknown>[];
  outputContexts?: { name: string; lifespanCount: number }[];
  payload?: { google: GooglePayload };
}

export interface GooglePayload {
  expectUserResponse: boolean;
  richResponse: { items: Record<string, Record<string, unknown>>[]; suggestions?: { title: string }[] };
  systemIntent?: { intent: string; data: Record<string, unknown> };
}

let counter = 0;
const nextResponseId = () => `3f1a9c2e-6b7d-4e8f-9a0b-${String(++counter).padStart(12, '0')}-${process.pid}`;

/**
 * One Dialogflow ES session talking to our webhook the way Dialogflow does: every request carries the
 * contexts still alive, and a context's lifespan counts down by one per turn unless the answer set it.
 */
export class DialogflowSession {
  readonly path: string;
  private contexts = new Map<string, { lifespanCount: number; parameters?: Record<string, unknown> }>();

  constructor(
    private readonly app: Express,
    readonly sessionId: string,
    private readonly options: { source?: 'google'; headers?: Record<string, string> } = {},
  ) {
    this.path = `projects/${PROJECT}/agent/sessions/${sessionId}`;
  }

  body(say: Say): Record<string, unknown> {
    const outputContexts: Record<string, unknown>[] = [...this.contexts].map(([name, context]) => ({ name: `${this.path}/contexts/${name}`, lifespanCount: context.lifespanCount, ...(context.parameters ? { parameters: context.parameters } : {}) }));
    const parameters = say.parameters ?? {};
    const originals = Object.fromEntries(Object.entries(say.originals ?? {}).map(([name, text]) => [`${name}.original`, text]));
    outputContexts.push({ name: `${this.path}/contexts/__system_counters__`, parameters: { 'no-input': 0, 'no-match': 0, ...parameters, ...originals } });
    return {
      responseId: say.responseId ?? nextResponseId(),
      session: this.path,
      queryResult: {
        queryText: say.queryText,
        parameters,
        allRequiredParamsPresent: true,
        fulfillmentText: '',
        fulfillmentMessages: [{ text: { text: [''] } }],
        outputContexts,
        intent: { name: `projects/${PROJECT}/agent/intents/0b6d1c2e-${say.intent.length}`, displayName: say.intent },
        intentDetectionConfidence: 1,
        languageCode: 'en',
      },
      originalDetectIntentRequest: this.options.source === 'google' ? assistantPayload(say, this.sessionId) : { payload: {} },
    };
  }

  async post(body: Record<string, unknown>): Promise<DialogflowAnswer> {
    const res = await request(this.app)
      .post('/google')
      .set(this.options.headers ?? { 'x-webhook-secret': SECRET })
      .send(body);
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const answer = res.body as DialogflowAnswer;
    this.advance(answer);
    return answer;
  }

  say(say: Say): Promise<DialogflowAnswer> {
    return this.post(this.body(say));
  }

  private advance(answer: DialogflowAnswer): void {
    const set = new Map((answer.outputContexts ?? []).map((context) => [context.name.slice(context.name.lastIndexOf('/') + 1), context.lifespanCount]));
    for (const [name, context] of this.contexts) {
      if (!set.has(name)) context.lifespanCount -= 1;
      if (context.lifespanCount <= 0) this.contexts.delete(name);
    }
    for (const [name, lifespanCount] of set) {
      if (lifespanCount > 0) this.contexts.set(name, { lifespanCount });
      else this.contexts.delete(name);
    }
  }

  activeContexts(): string[] {
    return [...this.contexts.keys()].sort();
  }
}

/** The Assistant's request as Dialogflow forwards it (AppRequest v2) in originalDetectIntentRequest. */
function assistantPayload(say: Say, conversationId: string): Record<string, unknown> {
  const argumentsOf = say.option ? [{ name: 'OPTION', textValue: say.option }] : [{ name: 'text', rawText: say.queryText, textValue: say.queryText }];
  return {
    source: 'google',
    version: '2',
    payload: {
      isInSandbox: true,
      surface: { capabilities: [{ name: 'actions.capability.SCREEN_OUTPUT' }, { name: 'actions.capability.AUDIO_OUTPUT' }, { name: 'actions.capability.WEB_BROWSER' }] },
      inputs: [{ rawInputs: [{ query: say.queryText, inputType: say.option ? 'TOUCH' : 'VOICE' }], intent: say.option ? 'actions.intent.OPTION' : 'actions.intent.TEXT', arguments: argumentsOf }],
      user: { locale: 'en-US', userVerificationStatus: 'VERIFIED', lastSeen: '2026-11-20T10:00:00Z' },
      conversation: { conversationId, type: 'ACTIVE', conversationToken: '[]' },
      availableSurfaces: [{ capabilities: [{ name: 'actions.capability.SCREEN_OUTPUT' }, { name: 'actions.capability.AUDIO_OUTPUT' }] }],
    },
  };
}

export const simpleResponses = (answer: DialogflowAnswer) => (answer.payload?.google.richResponse.items ?? []).filter((item) => item.simpleResponse).map((item) => item.simpleResponse as { textToSpeech: string; displayText: string });
export const speech = (answer: DialogflowAnswer) => simpleResponses(answer).map((bubble) => bubble.textToSpeech.replace(/^<speak>|<\/speak>$/g, '')).join(' ');
export const contextLifespans = (answer: DialogflowAnswer) => Object.fromEntries((answer.outputContexts ?? []).map((context) => [context.name.slice(context.name.lastIndexOf('/') + 1), context.lifespanCount]));
