/** The surveys domain's API: the only way other folders reach surveys/. */
export { NPS_JOB_KIND, answerNpsQuestion, keepNpsComment, npsAskedWithin, npsJobKey, openNpsQuestion, openNpsQuestionOf, queueNpsQuestion, type NpsAsk, type NpsJobPayload } from './nps-service';
