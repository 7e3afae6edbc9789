// The zod schema of `report.json`, built from the definition so it can never drift from it, and
// the Chinese wording of its errors, each naming the path (`s3.granted[2]: 应为非负整数`).
import * as z from 'zod/mini';
import type { Report } from '../../forms/model';
import {
  FORM_VERSION,
  ORG_KINDS,
  S1_PARTS,
  S2_TABLES,
  S3_COLUMNS,
  S3_ROWS,
  S4_FIELDS,
  S4_GROUPS,
  type ValueKind,
} from '../../forms/report-2021';
import { SCHEMA_COPY as T } from './copy';

const MAX_TEXT = 20_000;

const missingOr = (message: string) => (issue: { input?: unknown }) =>
  issue.input === undefined ? T.missing : message;

const count = z.int({ error: missingOr(T.count) }).check(z.minimum(0, { error: T.count }));

const amount = z.number({ error: missingOr(T.amount) }).check(z.minimum(0, { error: T.amount }));

const value = (kind: ValueKind) => (kind === 'count' ? count : amount);

const text = z
  .string({ error: missingOr(T.text) })
  .check(z.maxLength(MAX_TEXT, { error: T.textTooLong(MAX_TEXT) }));

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

function s2Shape() {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const table of S2_TABLES) {
    for (const row of table.rows) {
      shape[row.id] =
        'columns' in table
          ? strict(Object.fromEntries(table.columns.map((c) => [c.key, count])))
          : value(table.single.kind);
    }
  }
  return shape;
}

const s3Row = z
  .array(count, { error: missingOr(T.row(S3_COLUMNS.length)) })
  .check(z.length(S3_COLUMNS.length, { error: T.row(S3_COLUMNS.length) }));

export const reportSchema = strict({
  formVersion: z.literal(FORM_VERSION, { error: T.formVersion(FORM_VERSION) }),
  org: strict({
    name: z
      .string({ error: missingOr(T.orgName) })
      .check(z.trim(), z.minLength(1, { error: T.orgName }), z.maxLength(100, { error: T.orgName })),
    kind: z.optional(z.enum(ORG_KINDS, { error: T.orgKind(ORG_KINDS) })),
  }),
  year: z
    .int({ error: missingOr(T.year) })
    .check(z.minimum(2008, { error: T.year }), z.maximum(2100, { error: T.year })),
  s1: strict(Object.fromEntries(S1_PARTS.map((p) => [p.id, text]))),
  s2: strict(s2Shape()),
  s3: strict(Object.fromEntries(S3_ROWS.map((r) => [r.id, s3Row]))),
  s4: strict(
    Object.fromEntries(
      S4_GROUPS.map((g) => [g.id, strict(Object.fromEntries(S4_FIELDS.map((f) => [f.id, count])))]),
    ),
  ),
  s5: text,
  s6: text,
}) as unknown as z.ZodMiniType<Report>;

export interface SchemaIssue {
  path: string;
  message: string;
}

/** `['s3', 'granted', 2]` → `s3.granted[2]`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((out, key) => {
    if (typeof key === 'number') return `${out}[${key}]`;
    return out ? `${out}.${String(key)}` : String(key);
  }, '');
}

export function describeIssues(error: z.core.$ZodError): SchemaIssue[] {
  return error.issues.map((issue) => ({
    path: formatPath(issue.path),
    message: issue.message,
  }));
}

export type ParsedReport = { ok: true; report: Report } | { ok: false; issues: SchemaIssue[] };

export function parseReport(input: unknown): ParsedReport {
  const result = reportSchema.safeParse(input);
  return result.success
    ? { ok: true, report: result.data }
    : { ok: false, issues: describeIssues(result.error) };
}

/** One line per issue, `s3.granted[2]: 应为非负整数`. */
export function issueLines(issues: readonly SchemaIssue[]): string[] {
  return issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
}
