// China time and the reporting year: which year a report is filled for by default, the days left
// to its 31 January deadline, quiet hours, and years typed in a command.
import { describe, expect, it } from 'vitest';
import {
  chinaTime,
  daysLeft,
  deadlineOf,
  defaultYear,
  isQuiet,
  latestYear,
  nextDeadline,
  parseYear,
} from './calendar';

/** An instant given in China time (UTC+8). */
const china = (iso: string) => new Date(`${iso}+08:00`);

describe('chinaTime', () => {
  it('is UTC + 8 hours: 17:30 UTC on 31 December is 01:30 on 1 January in China', () => {
    expect(chinaTime(new Date('2024-12-31T17:30:00Z'))).toEqual({
      day: '2025-01-01',
      hour: 1,
      year: 2025,
      month: 1,
      date: 1,
    });
  });

  it('keeps the same day until 16:00 UTC', () => {
    expect(chinaTime(new Date('2024-06-15T15:59:59Z'))).toEqual({
      day: '2024-06-15',
      hour: 23,
      year: 2024,
      month: 6,
      date: 15,
    });
  });
});

describe('defaultYear', () => {
  it.each([
    ['2025-01-15T10:00:00', 2024],
    ['2025-10-31T23:59:00', 2024],
    ['2025-11-01T00:00:00', 2025],
    ['2025-12-31T23:00:00', 2025],
  ])('on %s (China) the report is for %i', (at, year) => {
    expect(defaultYear(china(at))).toBe(year);
  });

  it('turns at midnight on 1 November in China, not in UTC', () => {
    // 16:30 UTC on 31 October is already 1 November in China.
    expect(defaultYear(new Date('2025-10-31T16:30:00Z'))).toBe(2025);
    expect(defaultYear(new Date('2025-10-31T15:30:00Z'))).toBe(2024);
  });
});

describe('deadlines', () => {
  it.each([
    ['2025-01-01T09:00:00', 2024, 30],
    ['2025-01-31T09:00:00', 2024, 0],
    ['2025-02-01T09:00:00', 2025, 364],
    ['2025-12-31T09:00:00', 2025, 31],
    ['2024-02-01T09:00:00', 2024, 365],
  ])('on %s the next deadline is the %i report’s, %i days away', (at, year, days) => {
    expect(nextDeadline(china(at))).toEqual({ year, daysLeft: days });
  });

  it('counts days to a given year’s deadline, negative once past', () => {
    expect(daysLeft(china('2025-01-21T23:59:00'), 2024)).toBe(10);
    expect(daysLeft(china('2025-02-03T00:00:00'), 2024)).toBe(-3);
    expect(daysLeft(china('2024-12-31T12:00:00'), 2025)).toBe(396);
  });

  it('ends a year’s deadline at the end of 31 January, China time', () => {
    expect(deadlineOf(2024)).toBe('2025-01-31T16:00:00.000Z');
    expect(deadlineOf(2025)).toBe('2026-01-31T16:00:00.000Z');
    // 23:59 on 31 January in China is in time; midnight is late.
    expect('2025-01-31T15:59:59.999Z' <= deadlineOf(2024)).toBe(true);
    expect('2025-01-31T16:00:00.001Z' > deadlineOf(2024)).toBe(true);
  });

  it('counts by the China date, not the UTC one', () => {
    // 20:00 UTC on 20 January is already 21 January in China.
    expect(daysLeft(new Date('2025-01-20T20:00:00Z'), 2024)).toBe(10);
  });
});

describe('isQuiet', () => {
  it.each([
    [21, '21-8', true],
    [23, '21-8', true],
    [0, '21-8', true],
    [7, '21-8', true],
    [8, '21-8', false],
    [20, '21-8', false],
    [12, '12-14', true],
    [13, '12-14', true],
    [14, '12-14', false],
    [11, '12-14', false],
    [9, ' 9-9 ', false],
    [22, ' 21-8 ', true],
    [3, '0-5', true],
    [21, 'x21-8', false],
    [21, '21-8x', false],
    [21, '21', false],
    [1, '', false],
  ])('hour %i with %j is quiet: %s', (hour, quiet, expected) => {
    expect(isQuiet(hour, quiet)).toBe(expected);
  });
});

describe('years', () => {
  const now = china('2025-03-01T10:00:00');

  it('the latest year a report is started for is the one in progress', () => {
    expect(latestYear(now)).toBe(2025);
    expect(latestYear(new Date('2024-12-31T16:00:00Z'))).toBe(2025);
  });

  it.each([
    ['2024', 2024],
    ['2024年', 2024],
    ['２０２４年度', 2024],
    ['2008', 2008],
    ['2025', 2025],
    ['2007', null],
    ['2026', null],
    ['2024.5', null],
    ['二〇二四', null],
    ['年2024', null],
    ['2024年年', null],
  ])('reads %j as %s', (arg, year) => {
    expect(parseYear(arg, now)).toBe(year);
  });

  it('defaults to the year a report is normally filled for', () => {
    expect(parseYear(undefined, now)).toBe(2024);
    expect(parseYear(undefined, china('2025-11-02T10:00:00'))).toBe(2025);
  });
});
