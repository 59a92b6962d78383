/** The campaigns domain's API: the only way other folders reach campaigns/. */
export {
  CAMPAIGN_CHANNELS,
  CAMPAIGN_JOB_KIND,
  campaignJobKey,
  campaignReport,
  changeCampaign,
  createCampaign,
  findCampaign,
  followShortLink,
  isRecipientLink,
  optOutByLink,
  previewCampaign,
  recentCampaigns,
  startCampaign,
  testSendCampaign,
  type CampaignJobPayload,
  type NewCampaign,
} from './campaign-service';
export { recordCampaignSend } from '../../store/campaign-store';
export { CART_REMINDER_JOB_KIND, queueCartReminders, reminderCart, type CartReminderPayload } from './cart-reminders';
export { BIRTHDAY_JOB_KIND, birthdayJobKey, queueBirthdayMessages, type BirthdayPayload } from './birthdays';
// Event series (EVENT_KEYWORDS): read by the event dialog by keyword, kept by the admin API.
export { deleteEventSeries, findEventSeries, listEventSeries, saveEventSeries, type EventDetails, type EventSeriesRecord } from '../../store/event-series-store';
