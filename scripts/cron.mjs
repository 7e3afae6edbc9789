// Cron expressions as Cloudflare reads a Worker's `[triggers] crons`, for `npm run serve`: five fields
// (minute hour day-of-month month weekday), in UTC, with lists (1,7), ranges (1-5), steps (*/15,
// 0-30/10), month and weekday names (JAN, mon-fri), weekdays 1–7 with 1 = Sunday as on Cloudflare,
// and L in the day-of-month field (the month's last day). When both day fields are restricted, a day
// matching either runs, as in every cron. W, # and nL are Cloudflare extensions left out: refused.

/**
 * @typedef {{ expr: string, matches: (d: Date) => boolean, dayMatches: (d: Date) => boolean, hourMatches: (d: Date) => boolean }} Cron
 */

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

const FIELDS = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  { name: 'weekday', min: 1, max: 7, names: WEEKDAYS },
];

/** One value of a field: a number or a name, checked against the field's range. */
function value(text, field, expr) {
  const upper = text.toUpperCase();
  const named = field.names ? field.names.indexOf(upper) : -1;
  const n = named >= 0 ? named + 1 : /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isInteger(n) || n < field.min || n > field.max) {
    const hint = field.name === 'weekday' ? ' or SUN–SAT (1 = Sunday, as on Cloudflare)' : '';
    throw new Error(`cron "${expr}": ${field.name} "${text}" is not ${field.min}–${field.max}${hint}`);
  }
  return n;
}

/** A field → the set of values it allows (and whether it was `*`, which matters for the day fields). */
function parseField(text, field, expr) {
  const allowed = new Set();
  let lastDay = false;
  for (const part of text.split(',')) {
    if (part === '') throw new Error(`cron "${expr}": empty list item in the ${field.name} field`);
    if (field.name === 'day of month' && part.toUpperCase() === 'L') {
      lastDay = true;
      continue;
    }
    const m = /^(\*|[A-Za-z0-9]+(?:-[A-Za-z0-9]+)?)(?:\/(\d+))?$/.exec(part);
    if (!m) throw new Error(`cron "${expr}": "${part}" in the ${field.name} field is not supported by serve`);
    const [, range, stepText] = m;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (step < 1) throw new Error(`cron "${expr}": step "${stepText}" must be at least 1`);
    let from;
    let to;
    if (range === '*') {
      from = field.min;
      to = field.max;
    } else if (range.includes('-')) {
      const [a, b, ...rest] = range.split('-');
      if (rest.length) throw new Error(`cron "${expr}": range "${range}" has more than two ends`);
      from = value(a, field, expr);
      to = value(b, field, expr);
      if (from > to) throw new Error(`cron "${expr}": range "${range}" runs backwards`);
    } else {
      from = value(range, field, expr);
      to = stepText === undefined ? from : field.max;
    }
    for (let v = from; v <= to; v += step) allowed.add(v);
  }
  // A field beginning with * (*, */5) does not restrict the day, as in every cron.
  return { allowed, lastDay, any: text.startsWith('*') };
}

/**
 * Parses a cron expression into a matcher. Throws an Error naming the expression and the field when it
 * is not one serve can run.
 * @param {string} expr
 * @returns {Cron}
 */
export function parseCron(expr) {
  const parts = String(expr).trim().split(/\s+/);
  if (parts.length !== 5) {
    throw new Error(`cron "${expr}": needs five fields (minute hour day-of-month month weekday)`);
  }
  const [minute, hour, dom, month, dow] = parts.map((p, i) => parseField(p, FIELDS[i], expr));
  /** @param {Date} date */
  const dayMatches = (date) => {
    if (!month.allowed.has(date.getUTCMonth() + 1)) return false;
    const day = date.getUTCDate();
    const last = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)).getUTCDate();
    const domOk = dom.allowed.has(day) || (dom.lastDay && day === last);
    const dowOk = dow.allowed.has(date.getUTCDay() + 1);
    if (dom.any && dow.any) return true;
    if (dom.any) return dowOk;
    if (dow.any) return domOk;
    return domOk || dowOk;
  };
  /** @param {Date} date */
  const hourMatches = (date) => hour.allowed.has(date.getUTCHours());
  return {
    expr,
    dayMatches,
    hourMatches,
    /** Whether the cron runs in the UTC minute of `date`. */
    matches: (date) => minute.allowed.has(date.getUTCMinutes()) && hourMatches(date) && dayMatches(date),
  };
}

/**
 * The next UTC minute strictly after `after` at which the cron runs (searched up to five years
 * ahead; null for a date that never comes, such as 31 February).
 * @param {Cron} cron
 * @param {Date} after
 * @returns {Date | null}
 */
export function nextRun(cron, after) {
  const t = new Date(Math.floor(after.getTime() / 60_000) * 60_000 + 60_000);
  const limit = t.getTime() + 5 * 366 * 86_400_000;
  while (t.getTime() < limit) {
    if (cron.matches(t)) return t;
    // Whole days and hours that cannot match are skipped, to keep the search short.
    if (!cron.dayMatches(t)) t.setUTCHours(24, 0, 0, 0);
    else if (!cron.hourMatches(t)) t.setUTCMinutes(60, 0, 0);
    else t.setTime(t.getTime() + 60_000);
  }
  return null;
}

/**
 * The crons to run: CRONS from the env file (a test setting: expressions separated by ";") when set,
 * otherwise those of wrangler.toml.
 * @param {string[]} fromConfig
 * @param {string | undefined} override
 */
export function cronsToRun(fromConfig, override) {
  const list =
    override !== undefined && override.trim() !== ''
      ? override
          .split(';')
          .map((s) => s.trim())
          .filter(Boolean)
      : fromConfig;
  return list.map(parseCron);
}
