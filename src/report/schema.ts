// The zod schema of `report.json`, built from each version's definition so it can never drift from
// it, and the Chinese wording of its errors, each naming the path (`s3.granted[2]: 应为非负整数`).
// A report is read with the definition of its own `formVersion`.
import * as z from 'zod/mini';
import { FORMS, ORG_KINDS, type Form, type Registry, type ValueKind } from '../../forms';
import {
  cellProblem,
  emptyReport,
  getText,
  MAX_TEXT,
  MAX_VALUE,
  NOT_APPLICABLE,
  readCell,
  setCell,
  setText,
  type CellValue,
  type Report,
} from '../../forms/model';
import { SCHEMA_COPY as T } from './copy';

const missingOr = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? T.missing : message;

const count = z
  .int({ error: missingOr(T.count) })
  .check(z.minimum(0, { error: T.count }), z.maximum(MAX_VALUE, { error: T.tooLarge(MAX_VALUE) }));

const amount = z
  .number({ error: missingOr(T.amount) })
  .check(z.minimum(0, { error: T.amount }), z.maximum(MAX_VALUE, { error: T.tooLarge(MAX_VALUE) }));

const value = (kind: ValueKind) => (kind === 'count' ? count : amount);

/**
 * A table 二 figure, or 不适用 (“/”) where the version allows it; a wrong value is named as a figure's
 * problem (a “/” elsewhere fails the plain figure's schema).
 */
function cellSchema(kind: ValueKind, notApplicable: boolean) {
  if (!notApplicable) return value(kind);
  const plain = value(kind);
  return z.union([plain, z.literal(NOT_APPLICABLE)], {
    error: (issue) => {
      if (issue.input === undefined) return T.missing;
      const problem = cellProblem({ kind, notApplicable }, issue.input);
      return problem === 'tooLarge' ? T.tooLarge(MAX_VALUE) : kind === 'count' ? T.count : T.amount;
    },
  });
}

// MAX_TEXT counts UTF-16 units, as the form and the chat do (zod's maxLength counts code points,
// which would let a text of characters outside the basic plane be twice as long here).
const text = z
  .string({ error: missingOr(T.text) })
  .check(z.refine((s) => s.length <= MAX_TEXT, { error: T.textTooLong(MAX_TEXT) }));

function strict<S extends z.core.$ZodLooseShape>(shape: S) {
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? T.unknownKeys(issue.keys)
        : issue.input === undefined
          ? T.missing
          : T.object,
  });
}

function s2Shape(form: Form) {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const table of form.s2.tables) {
    for (const row of table.rows) {
      const na = form.s2.notApplicable;
      shape[row.id] = table.columns
        ? strict(Object.fromEntries(table.columns.map((c) => [c.key, cellSchema('count', na)])))
        : cellSchema(table.single?.kind ?? 'count', na);
    }
  }
  return shape;
}

function schemaOf(form: Form) {
  const columns = form.s3.columns.length;
  const s3Row = z
    .array(count, { error: missingOr(T.row(form.s3.columns.map((c) => c.label))) })
    .check(z.length(columns, { error: T.row(form.s3.columns.map((c) => c.label)) }));
  return strict({
    formVersion: z.literal(form.version),
    org: strict({
      name: z
        .string({ error: missingOr(T.orgName) })
        .check(z.trim(), z.minLength(1, { error: T.orgName }), z.maxLength(100, { error: T.orgName })),
      kind: z.optional(z.enum(ORG_KINDS, { error: T.orgKind(ORG_KINDS) })),
    }),
    year: z
      .int({ error: missingOr(T.year) })
      .check(z.minimum(2008, { error: T.year }), z.maximum(2100, { error: T.year })),
    s1: strict(Object.fromEntries(form.s1.parts.map((p) => [p.id, text]))),
    s2: strict(s2Shape(form)),
    s3: strict(Object.fromEntries(form.s3.rows.map((r) => [r.id, s3Row]))),
    s4: strict(
      Object.fromEntries(
        form.s4.groups.map((g) => [
          g.id,
          strict(Object.fromEntries(form.s4.fields.map((f) => [f.id, count]))),
        ]),
      ),
    ),
    s5: text,
    s6: text,
  });
}

// Built on first use per version: the webhook path never pays for it.
const schemas = new WeakMap<Form, ReturnType<typeof schemaOf>>();
function schemaFor(form: Form) {
  let schema = schemas.get(form);
  if (!schema) schemas.set(form, (schema = schemaOf(form)));
  return schema;
}

export interface SchemaIssue {
  path: string;
  message: string;
}

/** `['s3', 'granted', 2]` → `s3.granted[2]`. */
function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

export function describeIssues(error: z.core.$ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

export type ParsedReport = { ok: true; report: Report; form: Form } | { ok: false; issues: SchemaIssue[] };

/** Reads a report.json with the definition of its own version (from `forms`, the known versions). */
export function parseReport(input: unknown, forms: Registry = FORMS): ParsedReport {
  if (input === null || typeof input !== 'object' || Array.isArray(input))
    return { ok: false, issues: [{ path: '', message: T.object }] };
  const form = forms.of((input as { formVersion?: unknown }).formVersion);
  if (!form) {
    const known = forms.forms.map((f) => f.version);
    return { ok: false, issues: [{ path: 'formVersion', message: T.formVersion(known) }] };
  }
  const result = schemaFor(form).safeParse(input);
  return result.success
    ? { ok: true, report: result.data as unknown as Report, form }
    : { ok: false, issues: describeIssues(result.error) };
}

/** One line per issue, `s3.granted[2]: 应为非负整数`. */
export function issueLines(issues: readonly SchemaIssue[]): string[] {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}

export type StoredRead =
  { ok: true; report: Report; form: Form; issues: SchemaIssue[] } | { ok: false; issues: SchemaIssue[] };

/**
 * Reads a report stored earlier (a submitted snapshot), which may fail today's schema (a text past
 * today's limit, a figure no longer allowed): it is still shown as it was — every text kept, a value
 * that cannot be a figure shown as 0 — with the issues, so a page or a roll-up says what it could not
 * read instead of hiding the report. Only an unknown format version cannot be read at all.
 */
export function readStoredReport(input: unknown, forms: Registry = FORMS): StoredRead {
  const strict = parseReport(input, forms);
  if (strict.ok) return { ...strict, issues: [] };
  if (input === null || typeof input !== 'object' || Array.isArray(input)) return strict;
  const form = forms.of((input as { formVersion?: unknown }).formVersion);
  if (!form) return strict;
  const raw = input as { org?: { name?: unknown; kind?: unknown }; year?: unknown };
  const name = typeof raw.org?.name === 'string' && raw.org.name.trim() ? raw.org.name.trim() : T.unknownOrg;
  const kind = (ORG_KINDS as readonly unknown[]).includes(raw.org?.kind)
    ? (raw.org!.kind as Report['org']['kind'])
    : undefined;
  const year = typeof raw.year === 'number' && Number.isInteger(raw.year) ? raw.year : 0;
  const report = emptyReport(form, kind ? { name, kind } : { name }, year);
  for (const path of form.textPaths) {
    const text = getText(input, path);
    if (typeof text === 'string') setText(report, path, text);
  }
  for (const cell of form.cells) {
    const v = readCell(input, cell);
    setCell(report, cell, cellProblem(cell, v) === null ? (v as CellValue) : 0);
  }
  return { ok: true, report, form, issues: strict.issues };
}
