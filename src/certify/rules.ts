/**
 * The checklist: every rule certify applies, how to fix a failure, and the Amazon page it comes from.
 * docs/certification.md explains each one at length; keep the two in step.
 */

const DOCS = {
  schema: { title: 'Interaction Model Schema (Alexa Skills Kit)', url: 'https://developer.amazon.com/docs/smapi/interaction-model-schema.html' },
  invocation: { title: 'Design the Invocation Name for Your Skill', url: 'https://developer.amazon.com/en-US/docs/alexa/interaction-model-design/design-the-invocation-name-for-your-skill.html' },
  builtIns: { title: 'Standard Built-in Intents', url: 'https://developer.amazon.com/docs/alexa/custom-skills/standard-built-in-intents.html' },
  customIntents: { title: 'Design the Custom Intents for Your Skill', url: 'https://developer.amazon.com/en-US/docs/alexa/interaction-model-design/design-the-custom-intents-for-your-skill.html' },
  utterances: { title: 'Best Practices for Sample Utterances and Custom Slot Type Values', url: 'https://developer.amazon.com/docs/custom-skills/best-practices-for-sample-utterances-and-custom-slot-type-values.html' },
  slots: { title: 'Create Intents, Utterances, and Slots', url: 'https://developer.amazon.com/en-US/docs/alexa/custom-skills/create-intents-utterances-and-slots.html' },
  dialog: { title: 'Create the Interaction Model for Your Skill (dialog model)', url: 'https://developer.amazon.com/docs/custom-skills/create-the-interaction-model-for-your-skill.html' },
  vui: { title: 'Voice Interface and User Experience Testing for a Custom Skill', url: 'https://developer.amazon.com/en-US/docs/alexa/custom-skills/voice-interface-and-user-experience-testing-for-a-custom-skill.html' },
  functional: { title: 'Functional Testing for a Custom Skill', url: 'https://developer.amazon.com/en-US/docs/alexa/custom-skills/functional-testing-for-a-custom-skill.html' },
  ssml: { title: 'Speech Synthesis Markup Language (SSML) Reference', url: 'https://developer.amazon.com/docs/custom-skills/speech-synthesis-markup-language-ssml-reference.html' },
  webService: { title: 'Host a Custom Skill as a Web Service', url: 'https://developer.amazon.com/docs/custom-skills/host-a-custom-skill-as-a-web-service.html' },
  pay: { title: 'Certify your Skill with Amazon Pay', url: 'https://developer.amazon.com/es-MX/docs/alexa/amazon-pay-alexa/certify-skill-with-amazon-pay.html' },
} as const;

export interface CheckRule {
  title: string;
  fix: string;
  source: { title: string; url: string };
}

const REGENERATE = 'edit src/conversation/vocabulary.ts and regenerate with `npm run cli -- build-models --demo` (or `build-models` from the catalog in the database)';

export const CHECK_RULES = {
  'model.files': { title: 'Interaction model files exist', fix: 'Put one interactionModels/custom/<locale>.json per locale (`npm run cli -- build-models --demo` writes them).', source: DOCS.schema },
  'model.schema': { title: 'Interaction model matches the schema', fix: `Correct the fields named in the message; ${REGENERATE}.`, source: DOCS.schema },
  'model.invocation-name': {
    title: 'Invocation name rules',
    fix: 'Use two or more lowercase words (letters, spaces, possessive apostrophes, periods of spoken initialisms), without wake words, launch phrases, or an article/preposition as one of two words; set INVOCATION_NAMES in src/conversation/vocabulary.ts. A one-word brand you own goes in CERTIFY_BRAND_INVOCATION_NAMES.',
    source: DOCS.invocation,
  },
  'model.built-in-intents': { title: 'Required built-in intents present', fix: `Add the missing AMAZON.* intents as senses in VOCABULARY (and a meaning for them in the conversation engine); ${REGENERATE}.`, source: DOCS.builtIns },
  'model.sample-count': { title: 'Enough sample utterances per custom intent', fix: `Add natural phrasings (short and long, with and without slots) to the intent's samples; ${REGENERATE}.`, source: DOCS.customIntents },
  'model.unique-utterances': { title: 'No utterance shared by two intents', fix: `Keep each phrasing in the one intent it means and remove it from the other; ${REGENERATE}.`, source: DOCS.utterances },
  'model.slots': { title: 'Slots in utterances are declared and their types exist', fix: `Declare every {slot} an utterance uses on that intent, and give it a built-in AMAZON.* type or a custom type defined in the model with values; ${REGENERATE}.`, source: DOCS.slots },
  'model.dialog-prompts': { title: 'Dialog prompts exist for required slots', fix: `Give every slot with elicitationRequired/confirmationRequired a prompt id that exists in "prompts" with at least one variation (the \`elicit\` prompts of the intent); ${REGENERATE}.`, source: DOCS.dialog },
  'model.product-values': { title: 'PRODUCT slot values match the catalog', fix: 'Regenerate the models from the catalog you sell: `npm run cli -- build-models` (database) or `--demo`, then commit interactionModels/.', source: DOCS.utterances },
  'handlers.model-intents-handled': { title: 'Every model intent has a handler', fix: 'Give the intent a meaning as a sense in VOCABULARY (src/conversation/vocabulary.ts) so the skill maps it to the conversation engine, or remove it from the model.', source: DOCS.functional },
  'handlers.handled-intents-in-model': { title: "Every handler's intent is in the model", fix: `Regenerate the model so it lists every intent the skill handles; ${REGENERATE}.`, source: DOCS.functional },
  'behaviour.launch': { title: 'Launch request is answered', fix: 'The Launch flow must welcome the user, say what they can do, and keep the session open with a reprompt.', source: DOCS.vui },
  'behaviour.help': { title: 'Help is answered', fix: 'The Help flow must say what the skill can do and keep the session open with a reprompt that asks a question.', source: DOCS.vui },
  'behaviour.stop': { title: 'Stop ends the session', fix: 'AMAZON.StopIntent must end the session (shouldEndSession true), with no reprompt and no dialog directive.', source: DOCS.builtIns },
  'behaviour.cancel': { title: 'Cancel ends the session', fix: 'AMAZON.CancelIntent with nothing to cancel must end the session (shouldEndSession true), with no reprompt.', source: DOCS.builtIns },
  'behaviour.fallback': { title: 'Fallback is answered', fix: 'AMAZON.FallbackIntent must say what the skill can do and keep the session open with a reprompt.', source: DOCS.builtIns },
  'behaviour.session-ended': { title: 'SessionEndedRequest gets an empty answer', fix: 'Answer SessionEndedRequest with no outputSpeech, reprompt, card or directive (renderAlexaResponse already does; check handler overrides).', source: DOCS.vui },
  'behaviour.reprompt': { title: 'Every open session has a reprompt', fix: 'Whenever a reply leaves the session open, give it a reprompt (Reply.reprompt, or the renderer repeats the speech).', source: DOCS.vui },
  'behaviour.speech': { title: 'No empty speech', fix: 'Every answer (except to SessionEndedRequest) must say something; find the flow named in the message and give it a message.', source: DOCS.vui },
  'behaviour.ssml': { title: 'SSML is valid', fix: 'Escape &, < and > in text (escapeSsml), close every tag, and use only tags Alexa supports.', source: DOCS.ssml },
  'behaviour.purchase-read-back': { title: 'Purchase read-back before ordering', fix: 'Before placing an order, read back the seller, every item, the delivery address and the total, ask for an explicit yes (Dialog.ConfirmIntent), and place nothing yet.', source: DOCS.pay },
  'behaviour.purchase-confirmation': { title: 'Purchase confirmed after ordering', fix: 'After the yes, place exactly one order and say so with its order number (a receipt card helps).', source: DOCS.pay },
  'security.unsigned': { title: 'Unsigned requests are refused', fix: 'Keep ALEXA_VERIFY_SIGNATURE=true and the verifier in front of the skill (src/channels/alexa/router.ts).', source: DOCS.webService },
  'security.tampered': { title: 'Tampered requests are refused', fix: 'Verify Signature-256 over the raw body bytes before parsing (AlexaRequestVerifier).', source: DOCS.webService },
  'security.stale': { title: 'Stale requests are refused', fix: 'Refuse a request.timestamp more than 150 seconds from now (AlexaRequestVerifier toleranceSeconds).', source: DOCS.webService },
} as const satisfies Record<string, CheckRule>;

export type CheckRuleId = keyof typeof CHECK_RULES;
