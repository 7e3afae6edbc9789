// A section of the form posted without scripts (a plain HTML form), read into the same edits the
// script sends: numbers read as the bot reads them, texts with their line breaks, the yes/no and
// column answers, and what could not be read kept as typed to show it again.
import type { Form } from '../../forms';
import { NOT_APPLICABLE } from '../../forms/model';
import { ruledOut, withAnswer } from '../engine/answers';
import type { Edits, Value } from '../engine/edits';
import type { FlowAnswers } from '../engine/draft';
import { parseCell } from '../engine/numbers';
import { FORM_COPY } from '../web/copy';

/** Form fields that steer the post rather than carry a value. */
const CONTROL = new Set(['base', 'section', 'go', 'confirm']);

const normaliseText = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/** The first value of a field (a field may come once or several times). */
export function one(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

/** Checkbox values (one or many, or a comma list) as numbers. */
const listed = (v: unknown): number[] =>
  (Array.isArray(v) ? v : [v])
    .map((x) => one(x))
    .filter((x) => x !== '')
    .flatMap((x) => x.split(','))
    .map(Number);

const yesNo = (v: string): boolean | null => (v === '' ? null : v === '1');

export interface PostedSection {
  edits: Edits;
  /** What was typed but could not be read, by path. */
  typed: Record<string, string>;
  problems: Record<string, string>;
}

/** A plain form post → edits, with what could not be read kept as typed. */
export function editsFromPost(form: Form, body: Record<string, unknown>, zeroBlanks: boolean): PostedSection {
  const edits: Edits = {};
  const typed: Record<string, string> = {};
  const problems: Record<string, string> = {};
  const was = (path: string) => one(body[`was.${path}`]);
  for (const [key, raw] of Object.entries(body)) {
    if (CONTROL.has(key) || key.startsWith('was.')) continue;
    if (form.textPaths.includes(key)) {
      // Browsers send line breaks as CRLF, in the hidden base value too: compare like with like.
      const text = normaliseText(one(raw));
      const before = normaliseText(was(key));
      edits[key] = [before === '' ? null : before, text === '' ? null : text];
      continue;
    }
    if (key === 'flow.s3Any' || key === 'flow.s4Any') {
      edits[key] = [yesNo(was(key)), one(raw) === '1'];
      continue;
    }
    const cell = form.cellByPath.get(key);
    if (!cell || cell.computed) continue;
    const text = one(raw).trim();
    const before = was(key);
    const base: Value = before === '' ? null : before === NOT_APPLICABLE ? before : Number(before);
    if (text === '') {
      edits[key] = [base, zeroBlanks ? 0 : null];
      continue;
    }
    const parsed = parseCell(cell, text);
    if (parsed.ok) edits[key] = [base, parsed.value];
    else {
      typed[key] = text;
      problems[key] = FORM_COPY.numberProblem(parsed.problem, text);
    }
  }
  if ('was.flow.s3Columns' in body && 'flow.s3Columns' in body) {
    const before = one(body['was.flow.s3Columns']);
    edits['flow.s3Columns'] = [before === '' ? null : listed(before), listed(body['flow.s3Columns'])];
  }
  // Saying "none" (or unticking a column) on a plain form means those figures are 0, whatever the
  // inputs still hold, so the answer does not clash with the person's own figures.
  let answers: FlowAnswers = {};
  for (const key of ['s3Any', 's3Columns', 's4Any'] as const) {
    const edit = edits[`flow.${key}`];
    if (edit) answers = withAnswer(answers, key, edit[1] as boolean | number[]);
  }
  for (const section of ['s3', 's4'] as const) {
    for (const cell of ruledOut(form, answers, section)) if (edits[cell.path]) edits[cell.path]![1] = 0;
  }
  return { edits, typed, problems };
}
