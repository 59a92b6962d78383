import type { Channel } from '../../src/core/channels';
import { handleTurn } from '../../src/conversation/engine';
import type { IntentName, Reply, Slots, Turn } from '../../src/conversation/turn';
import type { CommerceSettings } from '../../src/services/settings';
import type { OpenUnitOfWork } from '../../src/store/unit-of-work';
import { settings as defaultSettings } from './commerce';

/** One customer's side of a conversation on one channel, with a clock the test moves. */
export class Shopper {
  now = new Date('2026-11-23T15:00:00Z');
  last!: Reply;

  constructor(
    readonly channel: Channel,
    readonly channelUserId: string,
    /** `work`: where turns keep the session, cart and customer (the in-memory tier's `InMemoryTurns.open`); the database when absent. */
    readonly options: { voice?: boolean; speakerRecognized?: boolean; settings?: CommerceSettings; work?: OpenUnitOfWork; locale?: string; languageFromChannel?: boolean } = {},
  ) {}

  private turn(extra: Partial<Turn>): Promise<Reply> {
    const voice = this.options.voice ?? (this.channel === 'alexa' || this.channel === 'google');
    const { locale = 'en-US', languageFromChannel } = this.options;
    return handleTurn({ channel: this.channel, channelUserId: this.channelUserId, locale, languageFromChannel, voice, speakerRecognized: this.options.speakerRecognized ?? true, now: this.now, ...extra }, this.options.settings ?? defaultSettings, undefined, this.options.work).then((reply) => (this.last = reply));
  }

  /** Typed text (or a transcript with no intent). */
  says(text: string): Promise<Reply> {
    return this.turn({ text });
  }

  /** A turn with channel fields of its own (an SMS turn's carrier keywords). */
  turnWith(extra: Partial<Turn>): Promise<Reply> {
    return this.turn(extra);
  }

  /** A structured intent, as a voice platform or a button delivers it. */
  intends(name: IntentName, slots: Slots = {}): Promise<Reply> {
    return this.turn({ intent: { name, slots } });
  }

  later(minutes: number): this {
    this.now = new Date(this.now.getTime() + minutes * 60_000);
    return this;
  }
}
