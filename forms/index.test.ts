// The registry of format versions: a stored report is read with the version it names, a new one
// with the version in force for its year.
import { describe, expect, it } from 'vitest';
import { CHILD_KINDS, FORMS, formOf, ORG_KINDS, registry, type Form } from './index';
import { FORM_2021 } from './report-2021';

/** A stand-in version: only its number and first year matter to the registry. */
const version = (v: string, since: number) => ({ ...FORM_2021, version: v, since }) as Form;

describe('registry', () => {
  const v2021 = FORM_2021;
  const v2030 = version('2030', 2030);
  const v2040 = version('2040', 2040);
  // Registered out of order on purpose: the registry sorts by first year.
  const forms = registry([v2040, v2021, v2030]);

  it('lists the versions oldest first and calls the newest current', () => {
    expect(forms.forms.map((f) => f.version)).toEqual(['2021', '2030', '2040']);
    expect(forms.current.version).toBe('2040');
  });

  it('finds a version by its name, and nothing for an unknown one or a number', () => {
    expect(forms.of('2030')).toBe(v2030);
    expect(forms.of('2021')).toBe(v2021);
    expect(forms.of('2050')).toBeUndefined();
    expect(forms.of(2030)).toBeUndefined();
    expect(forms.of(undefined)).toBeUndefined();
  });

  it.each([
    [2019, '2021'],
    [2021, '2021'],
    [2029, '2021'],
    [2030, '2030'],
    [2039, '2030'],
    [2040, '2040'],
    [2100, '2040'],
  ])('uses for the year %i the version %s', (year, v) => {
    expect(forms.forYear(year).version).toBe(v);
  });

  it('does not reorder the list it was given', () => {
    const given = [v2040, v2021];
    registry(given);
    expect(given.map((f) => f.version)).toEqual(['2040', '2021']);
  });
});

describe('FORMS and formOf', () => {
  it('has the 2021 format, current and in force from 2021', () => {
    expect(FORMS.forms).toEqual([FORM_2021]);
    expect(FORMS.current).toBe(FORM_2021);
    expect(FORMS.forYear(2024)).toBe(FORM_2021);
  });

  it('reads a report with its own version, and refuses a version nobody stored', () => {
    expect(formOf({ formVersion: '2021' })).toBe(FORM_2021);
    const later = version('2030', 2030);
    expect(formOf({ formVersion: '2030' }, registry([FORM_2021, later]))).toBe(later);
    expect(() => formOf({ formVersion: '1999' })).toThrow('unknown format version "1999"');
  });

  it('knows the six kinds of body, and which may sit under which', () => {
    expect(ORG_KINDS).toEqual(['province', 'city', 'county', 'township', 'subdistrict', 'department']);
    expect(CHILD_KINDS).toEqual({
      province: ['city', 'county', 'department'],
      city: ['county', 'department'],
      county: ['township', 'subdistrict', 'department'],
      township: [],
      subdistrict: [],
      department: [],
    });
  });
});
