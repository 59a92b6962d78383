import { model, type InferSchemaType } from 'mongoose';
import { Schema } from './shared';

/** One city's event of a series: what the shopper who picks that city is told. */
const eventCitySchema = new Schema(
  {
    city: { type: String, required: true, maxlength: 40 },
    event: {
      name: { type: String, required: true, maxlength: 60 },
      /** The local date (YYYY-MM-DD) and time (HH:MM) where the event happens, as the shop wrote them. */
      date: { type: String, required: true },
      time: { type: String },
      venue: { type: String, required: true, maxlength: 80 },
      link: { type: String, required: true, maxlength: 200 },
    },
  },
  { _id: false },
);

/**
 * An event series behind a keyword (EVENT_KEYWORDS, e.g. EVENTS): texting the keyword lists its cities;
 * picking one tells that city's event. Kept by the admin API; read only when the keyword or a city pick
 * comes in, by equality on the keyword.
 */
const eventSeriesSchema = new Schema(
  {
    keyword: { type: String, required: true },
    cities: { type: [eventCitySchema], required: true },
  },
  { timestamps: true },
);
eventSeriesSchema.index({ keyword: 1 }, { unique: true });

export type EventSeries = InferSchemaType<typeof eventSeriesSchema>;
export const EventSeriesModel = model('EventSeries', eventSeriesSchema);
