// The format's definition is built while its module loads (FORM_2021, FORMS). Loaded here inside a
// test, so that a definition that throws while building fails a test: a test file whose imports
// throw has no test to fail, and Stryker would count a mutant that breaks loading as surviving.
import { describe, expect, it } from 'vitest';

describe('loading the format', () => {
  it('builds the 2021 format and registers it as the current one', async () => {
    const { FORM_2021 } = await import('./report-2021');
    const { FORMS } = await import('./index');
    expect(FORMS.current).toBe(FORM_2021);
    expect(FORMS.of('2021')).toBe(FORM_2021);
    expect(FORM_2021.cells).toHaveLength(200);
    expect(FORM_2021.equations).toHaveLength(42);
    expect(FORM_2021.texts).toHaveLength(7);
    expect(FORM_2021.cellByPath.get('s3.new[0]')?.label).toBe('新收·自然人');
    expect(FORM_2021.s3Index.rowById.get('new')?.label).toBe('一、本年新收政府信息公开申请数量');
    expect(FORM_2021.heading('s2')).toBe('二、主动公开政府信息情况');
  });
});
