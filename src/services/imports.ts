// Last year's report from the text a body already published: read (src/import), shown to the
// official, and — once they confirm — kept as that year's report of the body (a revision with
// action `import`), so this year's draft gets the carry-over and the year-over-year checks at once.
// Never over a report the body already has for that year.
import { FORMS } from '../../forms';
import { NOT_APPLICABLE, setCell, setText } from '../../forms/model';
import { newDraft, toReport } from '../engine/draft';
import { checkReport } from '../engine/check';
import { summarize } from '../engine/summary';
import { bodiesNamed, namesOf } from '../db/orgs';
import type { Member } from '../db/people';
import { insertReportIfMissing, reportByOrgYear, writeReport, type ReportRow } from '../db/reports';
import { classifyWriteError } from '../db/events';
import { importReport, type Imported } from '../import/read';
import { normaliseReport } from '../report/json';
import { IMPORT_COPY as T } from './copy';
import type { Deps } from './deps';
import { yearsAround } from './recheck';

/** What the official sees before confirming: the import, and how much of each table it read. */
export interface ImportPreview {
  imported: Imported;
  year: number;
  /** Cells read, per table, and cells in it. */
  tables: { section: 's2' | 's3' | 's4'; read: number; of: number }[];
  /** Texts of the report that were found. */
  texts: number;
}

export function previewImport(text: string, year: number): ImportPreview {
  const imported = importReport(text, { year });
  const form = FORMS.forYear(year);
  const missing = new Set(imported.missing);
  const tables = (['s2', 's3', 's4'] as const).map((section) => {
    const cells = form.cellsOf(section);
    return { section, read: cells.filter((c) => !missing.has(c.path)).length, of: cells.length };
  });
  const r = imported.report;
  const texts = [...Object.values(r.s1), r.s5, r.s6].filter((t) => typeof t === 'string' && t.trim()).length;
  return { imported, year, tables, texts };
}

export type Stored = { ok: true; read: number } | { ok: false; reason: 'exists' | 'empty' | 'conflict' };

/** Keeps an import as the body's report of `year`; never over one it has. */
export async function storeImport(
  deps: Pick<Deps, 'db' | 'now'>,
  member: Pick<Member, 'orgId' | 'orgFullName' | 'orgKind' | 'personId'>,
  preview: ImportPreview,
): Promise<Stored> {
  const { imported, year } = preview;
  const read = preview.tables.reduce((n, t) => n + t.read, 0);
  if (read === 0 && preview.texts === 0) return { ok: false, reason: 'empty' };
  const form = FORMS.forYear(year);
  const draft = newDraft(form, { name: member.orgFullName, kind: member.orgKind }, year);
  const missing = new Set(imported.missing);
  const values = new Map<string, number>();
  for (const cell of form.cells) {
    if (missing.has(cell.path)) continue;
    const value = readValue(imported, cell.loc);
    if (value === NOT_APPLICABLE && cell.notApplicable) setCell(draft.report, cell, value);
    else if (typeof value === 'number') {
      setCell(draft.report, cell, value);
      values.set(cell.path, value);
    }
  }
  for (const path of form.textPaths) {
    const [head, part] = path.split('.') as [string, string | undefined];
    const node = (imported.report as unknown as Record<string, unknown>)[head];
    const text = part ? (node as Record<string, unknown> | null)?.[part] : node;
    if (typeof text === 'string' && text.trim()) setText(draft.report, path, text);
  }
  const { previous, recheck } = await yearsAround(deps.db, member.orgId, draft.report);
  const summary = summarize(form, draft, member.orgKind, previous);
  const now = deps.now.toISOString();
  try {
    const [inserted, created] = await deps.db.batch([
      insertReportIfMissing(deps.db, member.orgId, year, draft, member.personId, 'import', summary),
      reportByOrgYear(deps.db, member.orgId, year),
    ]);
    // The body has a report of that year (or someone started it meanwhile): theirs stands.
    if (!inserted!.meta.changes) return { ok: false, reason: 'exists' };
    const row = created!.results[0] as ReportRow;
    await deps.db.batch([
      ...writeReport(deps.db, {
        id: row.id,
        baseVersion: row.version,
        draft,
        status: 'submitted',
        action: 'import',
        personId: member.personId,
        channel: 'import',
        changes: {},
        comment: T.comment(read, form.cells.length),
        snapshot: normaliseReport(form, toReport(form, draft)),
        summary,
        now,
      }),
      ...recheck,
    ]);
  } catch (err) {
    if (classifyWriteError(err) === 'conflict') return { ok: false, reason: 'conflict' };
    throw err;
  }
  return { ok: true, read };
}

function readValue(imported: Imported, loc: readonly (string | number)[]): unknown {
  let node: unknown = imported.report;
  for (const key of loc) node = (node as Record<string | number, unknown> | null)?.[key];
  return node;
}

/** One published report of a supervisor's audit: the body it was matched to, and what became of it. */
export interface Audited {
  file: string;
  /** The text read (kept for a report no body was matched to, so one can be chosen). */
  text: string;
  /** The body's name as the title gives it. */
  title: string;
  read: number;
  of: number;
  body: { id: number; name: string } | null;
  /** Why nothing was kept: no body of that name under the supervisor, or it has a report already. */
  outcome: 'kept' | 'unmatched' | 'ambiguous' | 'exists' | 'empty' | 'conflict';
  errors: number;
  warnings: number;
}

/** The names a body may go by in a title: 淮安市人民政府 is 淮安市, 某街道办事处 is 某街道. */
function nameVariants(name: string): string[] {
  const short = name.replace(/(人民政府|政府|办事处)$/, '');
  return [...new Set([name, short, `${short}人民政府`].filter(Boolean))];
}

/**
 * The bodies a title names with the places above them: 「桃江县松木塘镇人民政府」 is 松木塘镇 under
 * 桃江县, 「益阳市桃江县教育局」 is 教育局 under 桃江县 under 益阳市. A body matches when the title ends
 * with its name and what comes before is its ancestors' names, in order, each at most once.
 */
async function bodiesByTitle(db: D1Database, path: string, title: string) {
  const short = title.replace(/(人民政府|政府|办事处)$/, '');
  const tails: string[] = [];
  for (let i = 1; i < short.length - 1; i++) {
    const tail = short.slice(i);
    tails.push(tail, `${tail}人民政府`, `${tail}办事处`);
  }
  const candidates = await bodiesNamed(db, path, tails);
  if (candidates.length === 0) return [];
  const idsOf = (p: string) => p.split('/').filter(Boolean).map(Number);
  const names = await namesOf(db, [...new Set(candidates.flatMap((c) => idsOf(c.path)))]);
  return candidates.filter((c) => {
    const own = [c.name, c.full_name].find(
      (n) => n && short.endsWith(n.replace(/(人民政府|政府|办事处)$/, '')),
    );
    if (!own) return false;
    let prefix = short.slice(0, short.length - own.replace(/(人民政府|政府|办事处)$/, '').length);
    for (const id of idsOf(c.path)) {
      if (id === c.id) continue;
      const above = (names.get(id) ?? '').replace(/(人民政府|政府|办事处)$/, '');
      if (above && prefix.startsWith(above)) prefix = prefix.slice(above.length);
    }
    return prefix === '';
  });
}

/**
 * A supervisor's audit of published reports: each is read, matched to a body under the supervisor
 * by the name in its title, kept as that body's report of `year` where it has none, and checked.
 */
export async function auditImports(
  deps: Pick<Deps, 'db' | 'now'>,
  supervisor: Pick<Member, 'orgPath' | 'personId'>,
  year: number,
  files: readonly { name: string; text: string }[],
): Promise<Audited[]> {
  const out: Audited[] = [];
  for (const file of files) {
    const preview = previewImport(file.text, year);
    const { imported } = preview;
    const form = FORMS.forYear(year);
    const read = preview.tables.reduce((n, t) => n + t.read, 0);
    const findings = checkReport(form, imported.report as never);
    const base = {
      file: file.name,
      text: file.text,
      title: imported.report.org.name,
      read,
      of: form.cells.length,
      errors: findings.errors.length,
      warnings: findings.warnings.length,
    };
    const kept = imported.report.org.name
      ? await keepFor(deps, supervisor, imported.report.org.name, preview)
      : { body: null, stored: null, matches: 0 };
    if (!kept.body || !kept.stored) {
      out.push({ ...base, body: null, outcome: kept.matches ? 'ambiguous' : 'unmatched' });
      continue;
    }
    out.push({ ...base, body: kept.body, outcome: kept.stored.ok ? 'kept' : kept.stored.reason });
  }
  return out;
}

/**
 * Keeps a read report for the one body under the supervisor that goes by `name`; nothing (with how
 * many bodies matched) when there is none or several.
 */
async function keepFor(
  deps: Pick<Deps, 'db' | 'now'>,
  supervisor: Pick<Member, 'orgPath' | 'personId'>,
  name: string,
  preview: ImportPreview,
): Promise<{ body: { id: number; name: string } | null; stored: Stored | null; matches: number }> {
  let matches = await bodiesNamed(deps.db, supervisor.orgPath, nameVariants(name.trim()));
  if (matches.length === 0) matches = await bodiesByTitle(deps.db, supervisor.orgPath, name.trim());
  if (matches.length !== 1) return { body: null, stored: null, matches: matches.length };
  const body = matches[0]!;
  const stored = await storeImport(
    deps,
    {
      orgId: body.id,
      orgFullName: body.full_name || body.name,
      orgKind: body.kind,
      personId: supervisor.personId,
    },
    preview,
  );
  return { body: { id: body.id, name: body.name }, stored, matches: 1 };
}

/** A published report kept for a body the supervisor names (its title matched none, or several). */
export function assignImport(
  deps: Pick<Deps, 'db' | 'now'>,
  supervisor: Pick<Member, 'orgPath' | 'personId'>,
  year: number,
  bodyName: string,
  text: string,
) {
  return keepFor(deps, supervisor, bodyName, previewImport(text, year));
}
