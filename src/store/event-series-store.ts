import { EventSeriesModel } from '../../models';
import { upsertRacing } from './upsert';

export interface EventDetails {
  name: string;
  /** Local date, YYYY-MM-DD. */
  date: string;
  /** Local time, HH:MM, when the shop gave one. */
  time?: string | null;
  venue: string;
  link: string;
}

export interface EventSeriesRecord {
  keyword: string;
  cities: { city: string; event: EventDetails }[];
}

const FIELDS = { _id: 0, keyword: 1, cities: 1 } as const;

/** One read by equality on the unique keyword. */
export async function findEventSeries(keyword: string): Promise<EventSeriesRecord | null> {
  return (await EventSeriesModel.findOne({ keyword }).select(FIELDS).lean()) as EventSeriesRecord | null;
}

export async function listEventSeries(): Promise<EventSeriesRecord[]> {
  return (await EventSeriesModel.find({}).select(FIELDS).sort({ keyword: 1 }).lean()) as EventSeriesRecord[];
}

/** Creates the keyword's series or replaces its cities. */
export async function saveEventSeries(series: EventSeriesRecord): Promise<void> {
  await upsertRacing(() => EventSeriesModel.updateOne({ keyword: series.keyword }, { $set: { cities: series.cities } }, { upsert: true }));
}

export async function deleteEventSeries(keyword: string): Promise<boolean> {
  return (await EventSeriesModel.deleteOne({ keyword })).deletedCount > 0;
}
