import assert from 'node:assert/strict';
import type { Express } from 'express';
import { DialogflowSession, simpleResponses, type DialogflowAnswer } from '../../channels/google/dialogflow-requests';
import { DialogflowUnderstanding } from './dialogflow-nlu';
import { chooseAmong, unescapeXml, type ScriptDriver } from './driver';

const understanding = new DialogflowUnderstanding();

interface OptionItem {
  optionInfo: { key: string };
  title: string;
}

/**
 * Google: Dialogflow ES fulfilment requests on POST /google (with the webhook secret), as the
 * Assistant integration forwards them; each line is matched to an intent by the agent's own training
 * phrases (see dialogflow-nlu.ts), with the contexts our answers set carried from turn to turn.
 */
export class GoogleDriver implements ScriptDriver {
  readonly channel = 'google' as const;
  readonly voice = true;
  readonly externalId: string;
  private readonly session: DialogflowSession;
  private answer: DialogflowAnswer | undefined;

  constructor(app: Express, runId: string) {
    this.externalId = `script-assistant-${runId}`;
    this.session = new DialogflowSession(app, this.externalId, { source: 'google' });
  }

  async say(text: string): Promise<void> {
    const reading = understanding.understand(text, this.session.activeContexts());
    this.receive(await this.session.say({ intent: reading.intent, queryText: text, parameters: reading.parameters, originals: reading.originals }));
  }

  /** A carousel or list item is tapped (actions_intent_OPTION); a suggestion chip says its title. */
  async pick(choice: string | number): Promise<void> {
    type Offered = { label: string; value: { option?: string; title: string } };
    const options: Offered[] = this.options().map((item) => ({ label: item.title, value: { option: item.optionInfo.key, title: item.title } }));
    const chips: Offered[] = (this.answer?.payload?.google.richResponse.suggestions ?? []).map((chip) => ({ label: chip.title, value: { title: chip.title } }));
    const picked = chooseAmong([...options, ...chips], choice, this.lastOutput());
    if (picked.option) this.receive(await this.session.say({ intent: 'SelectIntent', queryText: 'actions_intent_OPTION', option: picked.option }));
    else await this.say(picked.title);
  }

  /** What the Assistant says, then what it shows: carousel or list items and suggestion chips. */
  lastOutput(): string {
    if (!this.answer) return '';
    const spoken = simpleResponses(this.answer).map((bubble) => unescapeXml(bubble.textToSpeech.replace(/<[^>]+>/g, ' ')).replace(/\s+/g, ' ').trim());
    const shown = this.options().map((item) => item.title);
    const chips = (this.answer.payload?.google.richResponse.suggestions ?? []).map((chip) => `[${chip.title}]`);
    return [...spoken, ...shown, ...chips].join('\n');
  }

  private options(): OptionItem[] {
    const data = this.answer?.payload?.google.systemIntent?.data as { carouselSelect?: { items: OptionItem[] }; listSelect?: { items: OptionItem[] } } | undefined;
    return data?.carouselSelect?.items ?? data?.listSelect?.items ?? [];
  }

  private receive(answer: DialogflowAnswer): void {
    assert.equal(typeof answer.fulfillmentText, 'string');
    const google = answer.payload?.google;
    assert.ok(google, 'an Assistant answer carries payload.google');
    assert.ok(simpleResponses(answer).length >= 1 && simpleResponses(answer).length <= 2, 'one or two simple responses');
    for (const chip of google.richResponse.suggestions ?? []) assert.ok(chip.title.length <= 25, `suggestion chip "${chip.title}" within 25 characters`);
    assert.ok((google.richResponse.suggestions ?? []).length <= 8, 'at most 8 suggestion chips');
    this.answer = answer;
  }
}
