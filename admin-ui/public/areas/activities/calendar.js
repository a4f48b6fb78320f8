// The activities calendar's layout, pure (no DOM, no API): business days in the business time zone, a month's grid of
// weeks starting on Monday, each activity on every business day it runs, and the list's filter and sort. Unit-tested by
// tests/activities.test.mjs; index.js draws what these answer.
import { businessZone } from '../../time-zone.js';

const DAY_MS = 86_400_000;

/** The business day (YYYY-MM-DD) of an instant in `zone`. */
export function businessDay(instant, zone = businessZone()) {
  const d = instant instanceof Date ? instant : new Date(instant);
  // en-CA formats as YYYY-MM-DD.
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
}

/** A day (YYYY-MM-DD) moved by n days (calendar arithmetic on the date, no time zone involved). */
export function addDays(day, n) {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** Monday = 0 ... Sunday = 6 of a day. */
function weekday(day) {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

/** { year, month (1-12) } of a business day. */
export function monthOf(day) {
  return { year: Number(day.slice(0, 4)), month: Number(day.slice(5, 7)) };
}

/** The month `delta` months from { year, month }. */
export function shiftMonth({ year, month }, delta) {
  const index = year * 12 + (month - 1) + delta;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
}

/** 'YYYY-MM' of { year, month }. */
export function monthKey({ year, month }) {
  return `${year}-${String(month).padStart(2, '0')}`;
}

/**
 * The month's grid: whole weeks from the Monday on or before the 1st to the Sunday on or after the last day, each day
 * { day, inMonth }. `from`/`to` are its first and last day (what the calendar asks the API for).
 */
export function monthGrid({ year, month }) {
  const first = `${monthKey({ year, month })}-01`;
  const last = addDays(`${monthKey(shiftMonth({ year, month }, 1))}-01`, -1);
  const from = addDays(first, -weekday(first));
  const to = addDays(last, 6 - weekday(last));
  const weeks = [];
  for (let day = from; day <= to; day = addDays(day, 7)) {
    weeks.push(Array.from({ length: 7 }, (_, i) => {
      const d = addDays(day, i);
      return { day: d, inMonth: d.slice(0, 7) === first.slice(0, 7) };
    }));
  }
  return { from, to, weeks };
}

/**
 * The business days an activity runs on: from its start's day to the day of the last instant before its end (an
 * activity ending at midnight does not show on the next day).
 */
export function daysOf(activity, zone = businessZone()) {
  const first = businessDay(activity.startsAt, zone);
  const endMs = Date.parse(activity.endsAt);
  const last = businessDay(new Date(Math.max(Date.parse(activity.startsAt), endMs - 1)), zone);
  const days = [];
  for (let day = first; day <= last && days.length < 62; day = addDays(day, 1)) days.push(day);
  return days;
}

/** Day (YYYY-MM-DD) -> the activities running on it, in start order, for the days of the grid. */
export function placeOnDays(activities, grid, zone = businessZone()) {
  const byDay = new Map();
  const sorted = [...activities].sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  for (const activity of sorted) {
    for (const day of daysOf(activity, zone)) {
      if (day < grid.from || day > grid.to) continue;
      if (!byDay.has(day)) byDay.set(day, []);
      byDay.get(day).push(activity);
    }
  }
  return byDay;
}

/** The list: only `status` (all for none), sorted by start, earliest first unless `descending`. */
export function listed(activities, { status = '', descending = false } = {}) {
  const sign = descending ? -1 : 1;
  return activities.filter((a) => !status || a.status === status)
    .sort((a, b) => sign * (Date.parse(a.startsAt) - Date.parse(b.startsAt)) || a.activityId.localeCompare(b.activityId));
}

/**
 * The countdown to an activity's start at `now` (ms): whole days, hours and minutes left, rounded up to the minute, or
 * null once it has started. The member's page shows it beside each registration and open activity, ticking each minute.
 */
export function untilStart(startsAt, now) {
  const left = Date.parse(startsAt) - now;
  if (!(left > 0)) return null;
  const minutes = Math.ceil(left / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
}

/** The countdown as words in the reader's language (`t`: the dictionary lookup): days and hours, or hours and minutes. */
export function countdownText(left, t) {
  if (!left) return t('myActStarted');
  if (left.days > 0) return t('myActStartsInDays').replace('{d}', left.days).replace('{h}', left.hours);
  if (left.hours > 0) return t('myActStartsInHours').replace('{h}', left.hours).replace('{m}', left.minutes);
  return t('myActStartsInMinutes').replace('{m}', left.minutes);
}
