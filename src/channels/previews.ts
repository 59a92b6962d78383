import { ResponseFactory } from 'ask-sdk-core';
import type { Config } from '../config';
import type { Channel } from '../../models';
import type { Reply } from '../conversation/turn';
import { renderAlexaResponse } from './alexa/render';
import { sendApiRequestBody } from './messenger/client';
import { renderMessengerMessages } from './messenger/render';
import { renderSms } from './sms/render';
import { analyzeSms } from './sms/segments';
import { twimlMessages } from './sms/twiml';
import { renderWebchat } from './webchat/render';
import { renderFulfillment } from './google/render';
import { webhookRequestSchema } from './google/webhook-request';
import { WECHAT_ACK, WECHAT_LIMITS } from './wechat/capabilities';
import { passiveTextReplyXml, renderWechatText } from './wechat/render';
import { cloudApiRequestBody } from './whatsapp/client';
import { renderWhatsAppMessages } from './whatsapp/render';

/**
 * What each channel would receive for a neutral Reply, for the developer console: every entry calls
 * that channel's real renderer (and the request-body builder its client sends with), never a copy.
 * A channel added on another branch (Google) adds one entry here to appear in the console.
 */

export interface PreviewContext {
  config: Config;
  /** The channel user the reply goes to (PSID, wa_id, phone number, ...). */
  channelUserId: string;
}

export interface ChannelPreviewOutput {
  /** How `body` is formatted, for display. */
  format: 'json' | 'xml';
  /** Exactly what the channel gets: the HTTP response body, or the outbound API request bodies in sending order. */
  body: string;
  /** Short facts worth seeing next to it (SMS segments and encoding, message count). */
  facts: Record<string, string | number>;
}

export interface ChannelPreview {
  label: string;
  /** A voice channel: the turn is spoken (no typed-number choices, a reprompt is needed). */
  voice: boolean;
  /** Where the rendered output goes, for the console's caption. */
  delivery: string;
  render(reply: Reply, context: PreviewContext): ChannelPreviewOutput;
}

const pretty = (value: unknown) => JSON.stringify(value, null, 2);

function metaPreview(platform: 'messenger' | 'instagram', label: string): ChannelPreview {
  return {
    label,
    voice: false,
    delivery: 'Send API requests: POST /me/messages, one per message, in order',
    render(reply, { channelUserId }) {
      const requests = renderMessengerMessages(reply, { platform }).map((message) => sendApiRequestBody(channelUserId, message));
      return { format: 'json', body: pretty(requests), facts: { messages: requests.length } };
    },
  };
}

export const CHANNEL_PREVIEWS: Partial<Record<Channel, ChannelPreview>> = {
  alexa: {
    label: 'Alexa',
    voice: true,
    delivery: 'HTTP response to the Alexa request',
    render(reply) {
      const response = renderAlexaResponse(ResponseFactory.init(), reply, 'IntentRequest');
      const body = { version: '1.0', response };
      return { format: 'json', body: pretty(body), facts: { speechCharacters: response.outputSpeech && 'ssml' in response.outputSpeech ? response.outputSpeech.ssml.length : 0, shouldEndSession: String(response.shouldEndSession ?? 'unset') } };
    },
  },
  messenger: metaPreview('messenger', 'Messenger'),
  instagram: metaPreview('instagram', 'Instagram'),
  whatsapp: {
    label: 'WhatsApp',
    voice: false,
    delivery: 'Cloud API requests: POST /{phone-number-id}/messages, one per message, in order',
    render(reply, { config, channelUserId }) {
      const requests = renderWhatsAppMessages(reply, { catalogId: config.WHATSAPP_CATALOG_ID }).map((message) => cloudApiRequestBody(channelUserId, message));
      return { format: 'json', body: pretty(requests), facts: { messages: requests.length } };
    },
  },
  sms: {
    label: 'SMS',
    voice: false,
    delivery: 'TwiML in the HTTP response to the Twilio webhook',
    render(reply, { config }) {
      const rendered = renderSms(reply, { segmentBudget: config.SMS_SEGMENT_BUDGET });
      const analysis = analyzeSms(rendered.body);
      return {
        format: 'xml',
        body: twimlMessages([rendered.body]),
        facts: { segments: analysis.segments, encoding: analysis.encoding, characters: analysis.units, segmentBudget: config.SMS_SEGMENT_BUDGET, optionsLeftOut: rendered.omitted },
      };
    },
  },
  wechat: {
    label: 'WeChat',
    voice: false,
    delivery: 'Passive XML reply to the WeChat push (the customer-service API carries the same text when the turn is slow)',
    render(reply, { channelUserId }) {
      const content = renderWechatText(reply);
      // The Official Account's original id arrives on each push (ToUserName); the console has none, so a stand-in.
      const body = content === '' ? WECHAT_ACK : passiveTextReplyXml({ toUser: channelUserId, fromAccount: 'gh_console_preview', content, now: new Date() });
      return { format: 'xml', body, facts: { contentBytes: Buffer.byteLength(content, 'utf8'), byteLimit: WECHAT_LIMITS.contentBytes } };
    },
  },
  google: {
    label: 'Google (Dialogflow ES)',
    voice: true,
    delivery: 'WebhookResponse JSON to Dialogflow: fulfillmentText and fulfillmentMessages for every integration (the Assistant payload is added when the request came from Google)',
    render(reply, { channelUserId }) {
      // The console has no Dialogflow request; a minimal one whose session is the console's customer.
      const request = webhookRequestSchema.parse({ responseId: 'console', session: `projects/console/agent/sessions/${channelUserId}`, queryResult: { intent: { displayName: 'Console' } } });
      const fulfillment = renderFulfillment(reply, request);
      return { format: 'json', body: pretty(fulfillment), facts: { messages: fulfillment.fulfillmentMessages.length } };
    },
  },
  webchat: {
    label: 'Web chat',
    voice: false,
    delivery: 'JSON response to POST /webchat',
    render(reply) {
      return { format: 'json', body: pretty(renderWebchat(reply)), facts: {} };
    },
  },
};

export function previewChannels(): Channel[] {
  return Object.keys(CHANNEL_PREVIEWS) as Channel[];
}
