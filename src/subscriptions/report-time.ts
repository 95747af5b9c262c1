import { UserError } from '../shared/user-error.js';

/** ISO weekdays as the `day` option spells them: 1 Monday … 7 Sunday. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ReportTime {
  /** ISO weekday, 1 Monday … 7 Sunday. */
  day: number;
  hour: number;
  /** An IANA time zone (`Europe/Paris`). */
  tz: string;
}

const formats = new Map<string, Intl.DateTimeFormat>();

function formatIn(tz: string): Intl.DateTimeFormat {
  let format = formats.get(tz);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(tz, format);
  }
  return format;
}

/**
 * The zone's canonical name (`europe/paris` → `Europe/Paris`), or a UserError naming the bad value:
 * only zones this runtime's Intl knows are accepted, so a report's time is always computable.
 */
export function parseTimeZone(text: string): string {
  const value = text.trim();
  try {
    if (value === '' || /^[+-]?\d/.test(value)) throw new RangeError(value);
    return new Intl.DateTimeFormat('en-US', { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    throw new UserError(
      `"${text}" is not a time zone: give an IANA name such as UTC, Europe/Paris or America/New_York`,
    );
  }
}

/** The wall-clock fields of a moment in a zone. */
function wallClock(at: Date, tz: string) {
  const parts = Object.fromEntries(
    formatIn(tz)
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** How far the zone's wall clock is ahead of UTC at a moment, in ms. */
function offsetAt(at: Date, tz: string): number {
  const w = wallClock(at, tz);
  const seconds = Math.floor(at.getTime() / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - seconds;
}

/**
 * The moment a zone's wall clock shows this date and hour. An hour skipped by a clock change comes
 * out as the hour after it; an hour that happens twice, as its second occurrence.
 */
export function zonedMoment(year: number, month: number, day: number, hour: number, tz: string): Date {
  const asUtc = Date.UTC(year, month - 1, day, hour);
  let moment = asUtc - offsetAt(new Date(asUtc), tz);
  const corrected = asUtc - offsetAt(new Date(moment), tz);
  if (corrected !== moment) moment = Math.max(moment, corrected);
  return new Date(moment);
}

function isoDate(utcMidnight: number): string {
  return new Date(utcMidnight).toISOString().slice(0, 10);
}

/**
 * The report of the week that `now` falls in, in the subscription's zone: the week's first day (its
 * Monday, as a date) and the moment the report is due that week.
 */
export function reportOfWeek(now: Date, time: ReportTime): { week: string; dueAt: Date } {
  const w = wallClock(now, time.tz);
  const today = Date.UTC(w.year, w.month - 1, w.day);
  const isoWeekday = ((new Date(today).getUTCDay() + 6) % 7) + 1;
  const monday = today - (isoWeekday - 1) * 86_400_000;
  const due = new Date(monday + (time.day - 1) * 86_400_000);
  return {
    week: isoDate(monday),
    dueAt: zonedMoment(due.getUTCFullYear(), due.getUTCMonth() + 1, due.getUTCDate(), time.hour, time.tz),
  };
}

/** `Mondays 09:00 UTC`. */
export function describeReportTime(time: ReportTime): string {
  const names = ['Mondays', 'Tuesdays', 'Wednesdays', 'Thursdays', 'Fridays', 'Saturdays', 'Sundays'];
  return `${names[time.day - 1]} ${String(time.hour).padStart(2, '0')}:00 ${time.tz}`;
}
