// China time and the reporting year: which year a report is normally filled for, and how many days
// are left until its 31 January deadline. One place, used by the chat, the form, the dashboard and
// the reminders alike.
const CHINA = 8 * 3600_000;

/** The date in China (YYYY-MM-DD), its parts and the hour. */
export function chinaTime(now: Date): {
  day: string;
  hour: number;
  year: number;
  month: number;
  date: number;
} {
  const t = new Date(now.getTime() + CHINA);
  return {
    day: t.toISOString().slice(0, 10),
    hour: t.getUTCHours(),
    year: t.getUTCFullYear(),
    month: t.getUTCMonth() + 1,
    date: t.getUTCDate(),
  };
}

/**
 * The year a report is normally filled for, in China time: from 1 November the year in progress (its
 * report is due on 31 January next, and offices start on it in November), before that the year
 * just ended.
 */
export function defaultYear(now: Date): number {
  const c = chinaTime(now);
  return c.month >= 11 ? c.year : c.year - 1;
}

/** The report year whose deadline (31 January) is next, and the days left until it. */
export function nextDeadline(now: Date): { year: number; daysLeft: number } {
  const c = chinaTime(now);
  const deadlineYear = c.month === 1 ? c.year : c.year + 1;
  return { year: deadlineYear - 1, daysLeft: daysLeft(now, deadlineYear - 1) };
}

/** Days left until the deadline of a given report year (negative once past). */
export function daysLeft(now: Date, year: number): number {
  const c = chinaTime(now);
  return Math.round((Date.UTC(year + 1, 0, 31) - Date.UTC(c.year, c.month - 1, c.date)) / 86_400_000);
}

/** "21-8" → quiet from 21:00 to 08:00 China time. */
export function isQuiet(hour: number, quiet: string): boolean {
  const m = /^(\d{1,2})-(\d{1,2})$/.exec(quiet.trim());
  if (!m) return false;
  const [from, to] = [Number(m[1]), Number(m[2])];
  return from <= to ? hour >= from && hour < to : hour >= from || hour < to;
}

/** The latest year a report can be started for: the one in progress. */
export function latestYear(now: Date): number {
  return chinaTime(now).year;
}

/** A year given in a command or a query (2024, 2024年, ２０２４年度); null when not a report year. */
export function parseYear(arg: string | undefined, now: Date): number | null {
  if (arg === undefined) return defaultYear(now);
  const y = Number(arg.normalize('NFKC').replace(/年度?$/, ''));
  return Number.isInteger(y) && y >= 2008 && y <= latestYear(now) ? y : null;
}

/** The end of a report year's deadline (31 January of the next year, China time), as an ISO instant. */
export function deadlineOf(year: number): string {
  return new Date(Date.UTC(year + 1, 1, 1) - 8 * 3_600_000).toISOString();
}
