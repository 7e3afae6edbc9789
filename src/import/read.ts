// Reads a published report's text into report.json: the title, the texts of 一, 五 and 六, and the
// figures of tables 二, 三 and 四 — rule-based, in whatever layout the publication came in (cells
// separated by tabs, pipes or spaces, one cell per line, numbers detached from their labels as PDF
// text gives them, digits run together). A cell is either read from the text or null; where several
// readings fit every rule of the format, the cell is null and the readings are listed as ambiguous.
import { FORMS, type Form, type Registry } from '../../forms';
import { NOT_APPLICABLE } from '../../forms/model';
import { BLANK, reportLines, type Line } from './text';

export interface Ambiguous {
  path: string;
  candidates: number[];
}

export interface Imported {
  /** report.json, with null in every cell that was not read. */
  report: ImportedReport;
  /** Cell ids not read. */
  missing: string[];
  /** Cells with more than one reading that fits the format's sums. */
  ambiguous: Ambiguous[];
  /** What was assumed, in Chinese, for the person checking the import. */
  notes: string[];
}

type Cells = (number | null)[] | null;

export interface ImportedReport {
  formVersion: string;
  org: { name: string };
  year: number | null;
  s1: Record<string, string | null>;
  s2: Record<string, unknown>;
  s3: Record<string, Cells>;
  s4: Record<string, Record<string, number | null>>;
  s5: string | null;
  s6: string | null;
}

// ---------------------------------------------------------------------------------------------
// Lines and tokens

type Token = { kind: 'label'; text: string } | { kind: 'num'; raw: string } | { kind: 'na'; raw: string };

const NA = /^(\/|—+|-+|－+|不适用|\\|∅)$/;
const MARKED_BLANK = '有空白或填写为“/”“—”“不适用”的单元格，按未填写处理';
const MARKED_NA = '表二中填写为“/”“—”“不适用”的单元格按“不适用”读取（合计时按 0 计），空白单元格按未填写处理';

/** A cell's labels and figures apart, even with nothing between them (规章000行政规范性文件693665). */
function splitCell(cell: string): Token[] {
  const out: Token[] = [];
  const parts = cell.split(/(\d[\d,]*(?:\.\d+)?)/);
  let label = '';
  const flush = () => {
    const t = label.trim();
    if (t) out.push(NA.test(t) ? { kind: 'na', raw: t } : { kind: 'label', text: t });
    label = '';
  };
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (i % 2 === 0) {
      label += part;
      continue;
    }
    const before = parts[i - 1] ?? '';
    const after = parts[i + 1] ?? '';
    // Digits inside a label: 本年(2023)制发件数, 第711号.
    if (/[(（]\s*$/.test(before) && /^\s*[)）]/.test(after)) {
      label += part;
      continue;
    }
    // A row's numbering after its figures: 00000002.其他法律… — the last digit numbers the next label.
    const numbered = /^\s*[.、．](?=\s*[\u4e00-\u9fff])/.test(after) && !part.includes('.');
    const figures = numbered ? part.slice(0, -1) : part;
    if (figures) {
      flush();
      for (const w of figures.trim().split(/\s+/)) out.push({ kind: 'num', raw: w.replace(/,/g, '') });
    }
    if (numbered) label += part.slice(-1);
  }
  flush();
  return out;
}

/** The cells of a line: split at pipes, tabs and runs of spaces, then labels and figures apart. */
function tokens(line: string): Token[] {
  const out: Token[] = [];
  for (const part of line.split(/\s*[|\t]\s*|\s{2,}/)) {
    const cell = part.trim();
    if (!cell) continue;
    if (NA.test(cell)) out.push({ kind: 'na', raw: cell });
    else out.push(...splitCell(cell));
  }
  // Space-separated figures in one cell ("2 0 2") stay apart; a label's single space before its
  // figures ("规章 000") too.
  return out.flatMap((t) =>
    t.kind === 'label' && /^[\d\s.,]+$/.test(t.text)
      ? t.text.split(/\s+/).map((raw): Token => ({ kind: 'num', raw: raw.replace(/,/g, '') }))
      : [t],
  );
}

/** A label without spaces, numbering or brackets' punctuation: what rows are matched on. */
function key(label: string): string {
  return label
    .replace(/\s+/g, '')
    .replace(/^[(（]?[一二三四五六七八九十\d]+[)）]?[、.．]?/, '')
    .replace(/[()（）“”"'：:,，、。.]/g, '');
}

/** Edit distance, bounded (for typos in labels: 其他法律行政止公开). */
function near(a: string, b: string, max: number): boolean {
  if (Math.abs(a.length - b.length) > max) return false;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++)
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]! <= max;
}

// ---------------------------------------------------------------------------------------------
// Sections

const SECTION_HEADINGS: [string, RegExp][] = [
  ['s1', /^一\s*[、.]\s*总体情况/],
  ['s2', /^二\s*[、.]\s*主动公开政府信息情况/],
  ['s3', /^三\s*[、.]\s*收到和处理政府信息公开申请情况/],
  ['s4', /^四\s*[、.]\s*政府信息公开行政.?复议/],
  ['s5', /^五\s*[、.]\s*存在的主要问题/],
  ['s6', /^六\s*[、.]\s*其他需要报告的事项/],
];

/** Section headings inside a line (a whole report on one line) stand on lines of their own. */
function splitHeadings(text: string): string {
  return text.replace(
    /([一二三四五六][、.](?:总体情况|主动公开政府信息情况|收到和处理政府信息公开申请情况|政府信息公开行政.?复议[、,，]?\s*行政诉讼情况|政府信息公开行政.?复议|存在的主要问题及改进情况|存在的主要问题|其他需要报告的事项))/g,
    '\n$1\n',
  );
}

/** The sections' headings in order, from line `from` on. */
function headingsFrom(lines: Line[], from: number): [string, number][] {
  const starts: [string, number][] = [];
  let next = 0;
  for (let i = from; i < lines.length; i++) {
    for (let k = next; k < SECTION_HEADINGS.length; k++) {
      if (SECTION_HEADINGS[k]![1].test(lines[i]!.norm.replace(/\s+/g, ''))) {
        starts.push([SECTION_HEADINGS[k]![0], i]);
        next = k + 1;
        break;
      }
    }
  }
  return starts;
}

function sections(lines: Line[]): Map<string, Line[]> {
  let starts = headingsFrom(lines, 0);
  // The titles listed in a preamble (「本报告分为六个部分：一、总体情况，二、…」), then the report
  // itself from its own 一: the sections start there. Listed: nothing but a few characters between.
  const listed = (a: [string, number], b: [string, number]) =>
    lines.slice(a[1] + 1, b[1]).every((l) => l.norm.trim().length <= 8);
  if (
    starts[0]?.[0] === 's1' &&
    starts.length > 2 &&
    listed(starts[0], starts[1]!) &&
    listed(starts[1]!, starts[2]!)
  ) {
    const again = lines.findIndex(
      (l, i) => i > starts[2]![1] && SECTION_HEADINGS[0]![1].test(l.norm.replace(/\s+/g, '')),
    );
    if (again > 0) starts = headingsFrom(lines, again);
  }
  const out = new Map<string, Line[]>();
  for (const [k, [id, at]] of starts.entries()) {
    const end = starts[k + 1]?.[1] ?? lines.length;
    out.set(id, lines.slice(at + 1, end));
  }
  out.set('before', lines.slice(0, starts[0]?.[1] ?? lines.length));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Tables: rows anchored by their labels, figures between anchors given to the rows in order

interface RowSpec {
  /** The row's label in the format, for the notes a person reads. */
  label: string;
  /** Where the row's values go: a path per value. */
  paths: string[];
  /** Keys its label is matched by (after key()). */
  keys: string[];
  /** Only an exact key matches (short labels such as 其他). */
  exact?: boolean;
  /** Values of the row that must add up: the last is the sum of the others. */
  sums?: boolean;
}

interface Anchor {
  row: number;
  at: number;
}

function matchRow(specs: RowSpec[], label: string): number {
  const k = key(label);
  if (!k) return -1;
  for (const [i, spec] of specs.entries()) {
    for (const want of spec.keys) {
      // A label may carry header text glued before it (a flattened page): the key anywhere in it.
      if (
        spec.exact
          ? k === want
          : k.includes(want) || (want.length >= 6 && near(k.slice(0, want.length), want, 2))
      )
        return i;
    }
  }
  return -1;
}

/** The anchors in document order whose rows are in the table's order: the longest such chain. */
function chain(anchors: Anchor[]): Anchor[] {
  const best: Anchor[][] = [];
  for (const a of anchors) {
    let pick: Anchor[] = [];
    for (const b of best) if (b.at(-1)!.row < a.row && b.length > pick.length) pick = b;
    best.push([...pick, a]);
  }
  return best.reduce((x, y) => (y.length > x.length ? y : x), [] as Anchor[]);
}

/** The most digits a figure has (a decimal's whole part): no report holds a billion of anything. */
const MAX_DIGITS = 9;
/**
 * Steps one import may spend searching readings of run-together digits (a few milliseconds): a
 * hostile text is read as unreadable, never slowly.
 */
const MAX_STEPS = 30_000;
let stepsLeft = MAX_STEPS;

/** Every way to read number tokens as `count` values (a token of run-together digits split). */
function readings(
  raws: string[],
  count: number,
  fits: (values: number[]) => boolean,
  limit = 50,
): number[][] {
  const out: number[][] = [];
  // The characters still to read after each token, so a branch that cannot come out at `count`
  // values is left early; and a bound on the whole search (a hostile text is read as unreadable).
  const after = raws.map((_, i) => raws.slice(i + 1).reduce((n, r) => n + r.length, 0));
  const slack = raws.some((r) => r.includes('.')) ? 8 : 0;
  const go = (t: number, pos: number, acc: number[]) => {
    if (out.length > limit || --stepsLeft < 0) return;
    if (t < raws.length) {
      const left = raws[t]!.length - pos + after[t]!;
      const need = count - acc.length;
      if (left < need || left > need * (MAX_DIGITS + slack)) return;
    }
    if (t === raws.length) {
      if (acc.length === count && fits(acc)) out.push([...acc]);
      return;
    }
    const raw = raws[t]!;
    if (pos === raw.length) return go(t + 1, 0, acc);
    if (acc.length >= count) return;
    // The rest of this token as one value, or a shorter piece (no leading zero but a lone 0).
    for (let end = raw.length; end > pos; end--) {
      const piece = raw.slice(pos, end);
      if (piece.length > 1 && piece[0] === '0') continue;
      if (piece.split('.')[0]!.length > MAX_DIGITS) continue;
      if (piece.includes('.') && end !== raw.length) continue;
      acc.push(Number(piece));
      go(end === raw.length ? t + 1 : t, end === raw.length ? 0 : end, acc);
      acc.pop();
    }
  };
  go(0, 0, []);
  return out;
}

interface TableRead {
  values: Map<string, number | null>;
  /** Cells printed as “/”, “—” or 不适用 (their values are null). */
  marked: string[];
  ambiguous: Ambiguous[];
  notes: string[];
  /** Rows whose run-together digits have several readings: each reading, by path. */
  open: { paths: string[]; label: string; readings: number[][] }[];
}

const sumsUp = (v: number[]) => v.slice(0, -1).reduce((s, x) => s + x, 0) === v.at(-1);

/** Gives the values between two anchors to the rows they belong to. */
function assign(specs: RowSpec[], rows: number[], toks: Token[], out: TableRead) {
  const width = rows.reduce((n, r) => n + specs[r]!.paths.length, 0);
  const raws = toks.map((t) => (t.kind === 'na' ? 'NA' : (t as { raw: string }).raw));
  // Not-applicable marks stand for one cell each, as null.
  if (toks.length === width && toks.some((t) => t.kind === 'na')) {
    let i = 0;
    for (const r of rows)
      for (const p of specs[r]!.paths) {
        const t = toks[i++]!;
        out.values.set(p, t.kind === 'num' ? Number(t.raw) : null);
        // An empty cell of a web page is a blank, not a mark.
        if (t.kind === 'na' && t.raw !== BLANK) out.marked.push(p);
      }
    out.notes.push(MARKED_BLANK);
    return;
  }
  if (toks.some((t) => t.kind !== 'num')) return;
  const fits = (values: number[]) => {
    let i = 0;
    for (const r of rows) {
      const n = specs[r]!.paths.length;
      if (specs[r]!.sums && !sumsUp(values.slice(i, i + n))) return false;
      i += n;
    }
    return true;
  };
  if (toks.length === width) {
    const values = raws.map(Number);
    // Read as printed; where the printed figures break a row's sum they are still what was published.
    let i = 0;
    for (const r of rows) for (const p of specs[r]!.paths) out.values.set(p, values[i++]!);
    return;
  }
  if (toks.length > width || rows.length !== 1) return;
  const found = readings(raws, width, fits);
  const { paths, label } = specs[rows[0]!]!;
  if (found.length === 1) {
    paths.forEach((p, i) => out.values.set(p, found[0]![i]!));
    out.notes.push(`「${label}」的数字连在一起，已按合计拆分`);
  } else if (found.length > 1) out.open.push({ paths, label, readings: found });
}

/** Whether values satisfy every equation of the format whose terms are all known. */
function consistent(form: Form, values: ReadonlyMap<string, number | null>): boolean {
  const sum = (terms: readonly { path: string }[]) => {
    let s = 0;
    for (const t of terms) {
      const v = values.get(t.path);
      if (v === undefined || v === null) return null;
      s += v;
    }
    return s;
  };
  return form.equations.every((eq) => {
    const left = sum(eq.left);
    const right = sum(eq.right);
    return left === null || right === null || left === right;
  });
}

/**
 * Rows with several readings are settled by the other rows: a reading is kept only if the
 * columns' sums (the results total, 新收 + 上年结转 = 办理结果 + 结转) still hold with it. What stays
 * open is listed as ambiguous, cell by cell.
 */
function settle(form: Form, read: TableRead, values: Map<string, number | null>) {
  for (let pass = 0; pass < 3; pass++) {
    for (const row of [...read.open]) {
      const fitting = row.readings.filter((r) => {
        const trial = new Map(values);
        row.paths.forEach((p, i) => trial.set(p, r[i]!));
        return consistent(form, trial);
      });
      if (fitting.length === 1) {
        row.paths.forEach((p, i) => values.set(p, fitting[0]![i]!));
        read.notes.push(`「${row.label}」的数字连在一起，已按各列合计拆分`);
        read.open.splice(read.open.indexOf(row), 1);
      } else if (fitting.length > 1) row.readings = fitting;
    }
  }
  // Rows that settle each other: every combination of their readings, when there are few.
  const combos = read.open.reduce((n, r) => n * r.readings.length, 1);
  if (read.open.length > 1 && combos <= 5000) {
    const fitting: number[][][] = [];
    const go = (k: number, picked: number[][], trial: Map<string, number | null>) => {
      if (fitting.length > 1) return;
      if (k === read.open.length) {
        if (consistent(form, trial)) fitting.push([...picked]);
        return;
      }
      for (const r of read.open[k]!.readings) {
        const next = new Map(trial);
        read.open[k]!.paths.forEach((p, i) => next.set(p, r[i]!));
        go(k + 1, [...picked, r], next);
      }
    };
    go(0, [], new Map(values));
    if (fitting.length === 1) {
      read.open.forEach((row, k) => row.paths.forEach((p, i) => values.set(p, fitting[0]![k]![i]!)));
      read.notes.push('几行数字连在一起，已按各列合计一并拆分');
      read.open.length = 0;
    }
  }
  for (const row of read.open)
    row.paths.forEach((p, i) => {
      const candidates = [...new Set(row.readings.map((f) => f[i]!))];
      if (candidates.length === 1) values.set(p, candidates[0]!);
      else read.ambiguous.push({ path: p, candidates: candidates.sort((a, b) => a - b) });
    });
}

function readTable(specs: RowSpec[], lines: Line[]): TableRead {
  const out: TableRead = { values: new Map(), marked: [], ambiguous: [], notes: [], open: [] };
  const toks = lines.flatMap((l) => tokens(l.norm));
  const matched: Anchor[] = [];
  toks.forEach((t, at) => {
    if (t.kind !== 'label') return;
    const row = matchRow(specs, t.text);
    if (row >= 0) matched.push({ row, at });
  });
  // A label anchors its row only when figures follow it before the next row's label (PDF text
  // prints some labels after their figures: those would cut the figures in the wrong place).
  const anchors = matched.filter((a, i) =>
    toks.slice(a.at + 1, matched[i + 1]?.at ?? toks.length).some((t) => t.kind !== 'label'),
  );
  const kept = chain(anchors);

  const width = (rs: number[]) => rs.reduce((n, r) => n + specs[r]!.paths.length, 0);
  const range = (from: number, to: number) =>
    Array.from({ length: Math.max(to - from, 0) }, (_, i) => from + i);
  const figuresBetween = (from: number, to: number) =>
    toks.slice(from + 1, to).filter((t) => t.kind !== 'label');
  for (let k = 0; k < kept.length; k++) {
    const a = kept[k]!;
    // The figures up to a later anchor fill the rows up to it exactly (PDF text may put a row's
    // first figure before its label, so the anchors in between are passed over).
    let done = false;
    for (let j = k + 1; j <= Math.min(k + 4, kept.length); j++) {
      const between = figuresBetween(a.at, kept[j]?.at ?? toks.length);
      const rows = range(a.row, kept[j]?.row ?? specs.length);
      if (width(rows) === between.length && (j === k + 1 || between.every((t) => t.kind === 'num'))) {
        assign(specs, rows, between, out);
        k = j - 1;
        done = true;
        break;
      }
    }
    if (done) continue;
    // Otherwise this row alone (its digits may be run together), or it and the unlabelled rows
    // after it as far as the figures go (a text cut short).
    const between = figuresBetween(a.at, kept[k + 1]?.at ?? toks.length);
    let rows = [a.row];
    for (let r = a.row + 1; r < (kept[k + 1]?.row ?? specs.length) && width(rows) < between.length; r++)
      rows = [...rows, r];
    assign(specs, width(rows) === between.length ? rows : [a.row], between, out);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The format's tables as row specs

function s2Specs(form: Form): RowSpec[] {
  const keys: Record<string, string[]> = {
    rules: ['规章'],
    normativeDocs: ['行政规范性文件', '规范性文件'],
    licensing: ['行政许可'],
    penalties: ['行政处罚'],
    enforcement: ['行政强制'],
    fees: ['行政事业性收费'],
  };
  return form.s2.tables.flatMap((table) =>
    table.rows.map((row) => ({
      label: row.label,
      paths: table.columns ? table.columns.map((c) => `s2.${row.id}.${c.key}`) : [`s2.${row.id}`],
      keys: keys[row.id] ?? [key(row.label)],
    })),
  );
}

function s3Specs(form: Form): RowSpec[] {
  const columns = form.s3.columns.map((_, i) => i);
  return form.s3.rows.map((row) => {
    const k = key(row.label.replace(/[(（][^)）]*只计[^)）]*[)）]?$/, ''));
    return {
      label: row.label,
      paths: columns.map((c) => `s3.${row.id}[${c}]`),
      keys: [k.length > 10 ? k.slice(0, 10) : k],
      exact: k.length <= 3,
      sums: true,
    };
  });
}

/**
 * Groups of `size` consecutive values each followed (anywhere later) by their sum, covering every
 * value once; ordered as their sums are (the 总计 cells keep the table's order in PDF text). Null
 * unless exactly one such grouping exists.
 */
function groupsBySums(values: number[], groups: number, size: number): number[][] | null {
  const found: { quad: number; total: number }[][] = [];
  const used = new Array<boolean>(values.length).fill(false);
  const pick = (acc: { quad: number; total: number }[]) => {
    if (found.length > 1) return;
    if (acc.length === groups) {
      if (used.every(Boolean)) found.push([...acc]);
      return;
    }
    const from = acc.length ? acc.at(-1)!.quad + 1 : 0;
    for (let q = from; q + size <= values.length; q++) {
      if (used.slice(q, q + size).some(Boolean)) continue;
      const sum = values.slice(q, q + size).reduce((a, b) => a + b, 0);
      for (let t = q + size; t < values.length; t++) {
        if (used[t] || values[t] !== sum) continue;
        for (let i = q; i < q + size; i++) used[i] = true;
        used[t] = true;
        pick([...acc, { quad: q, total: t }]);
        for (let i = q; i < q + size; i++) used[i] = false;
        used[t] = false;
      }
    }
  };
  pick([]);
  if (found.length !== 1) return null;
  return found[0]!
    .sort((a, b) => a.total - b.total)
    .map((g) => [...values.slice(g.quad, g.quad + size), values[g.total]!]);
}

// ---------------------------------------------------------------------------------------------
// Prose: figures written in sentences, used only where a table is absent

function prose(text: string, re: RegExp): number | null {
  const m = re.exec(text);
  return m ? Number(m[1]) : null;
}

// ---------------------------------------------------------------------------------------------

/** The title's body name and year: the first line naming a year's annual report. */
function title(before: Line[]): { name: string; year: number | null } {
  let found: { name: string; year: number | null } | undefined;
  for (const [i, line] of before.entries()) {
    if (/^#/.test(line.norm)) continue;
    const m = /(\d{4})\s*年?度?\s*([^\s]*?)政府信息公开工作年度报告/.exec(line.norm);
    if (!m) continue;
    // The name before the year, after any label, breadcrumb or site menu on the same line.
    const lead =
      line.norm
        .slice(0, m.index)
        .split(/[\s:：>/_|]+/)
        .filter(Boolean)
        .at(-1) ?? '';
    const previous = i > 0 ? before[i - 1]!.norm.trim() : '';
    const name = lead || m[2] || (/^#/.test(previous) ? '' : previous.replace(/\s+/g, ''));
    // A title without the body's name may be repeated below its name (a page's heading, then the report's).
    found ??= { name, year: Number(m[1]) };
    if (name) return { name, year: Number(m[1]) };
  }
  return found ?? { name: '', year: null };
}

const S1_PARTS: [string, RegExp][] = [
  ['proactive', /^[(（]一[)）].{0,6}主动公开/],
  ['onRequest', /^[(（]二[)）].{0,6}依申请公开/],
  ['management', /^[(（]三[)）].{0,8}(政府信息管理|信息管理)/],
  ['platforms', /^[(（]四[)）].{0,12}平台建设/],
  ['oversight', /^[(（]五[)）].{0,12}监督保障/],
];

function text(lines: Line[]): string {
  return lines.map((l) => l.raw).join('\n');
}

export function importReport(input: string, opts: { year?: number; forms?: Registry } = {}): Imported {
  const forms = opts.forms ?? FORMS;
  stepsLeft = MAX_STEPS;
  const lines = reportLines(splitHeadings(input));
  const parts = sections(lines);
  const notes: string[] = [];
  const head = title(parts.get('before') ?? []);
  const year = opts.year ?? head.year;
  const form = forms.forYear(year ?? forms.current.since);
  if (head.year !== null && year !== head.year)
    notes.push(`标题写的是 ${head.year} 年度，按 ${year} 年度读取`);

  // 一: the five parts at their headings; without them, all of 一 in the first.
  const s1: Record<string, string | null> = Object.fromEntries(form.s1.parts.map((p) => [p.id, null]));
  const s1Lines = parts.get('s1');
  if (s1Lines) {
    const at = S1_PARTS.map(
      ([id, re]) => [id, s1Lines.findIndex((l) => re.test(l.norm.replace(/\s+/g, '')))] as const,
    );
    const found = at.filter(([, i]) => i >= 0).sort((a, b) => a[1] - b[1]);
    for (const [id] of S1_PARTS) s1[id] = '';
    if (found.length === 0) {
      s1.proactive = text(s1Lines);
      if (s1Lines.length) notes.push('一、总体情况没有分出（一）至（五）小标题，全部归入“主动公开”');
    } else {
      const headings = new Map(form.texts.map((t) => [t.path, t.heading.replace(/\s+/g, '')]));
      for (const [k, [id, i]] of found.entries()) {
        const start = k === 0 ? 0 : i;
        let part = s1Lines.slice(start, found[k + 1]?.[1] ?? s1Lines.length);
        // The format's own sub-heading on a line of its own (as nianbao prints it) is no part of the text.
        if (part[0]?.raw.replace(/\s+/g, '') === headings.get(`s1.${id}`)) part = part.slice(1);
        s1[id] = text(part);
      }
    }
  }

  const values = new Map<string, number | null>();
  const notApplicable = new Set<string>();
  const ambiguous: Ambiguous[] = [];

  // 二
  const s2Lines = parts.get('s2');
  const s2Text = (s2Lines ?? []).map((l) => l.norm).join('\n');
  if (s2Lines && /本年新制作数量|上一年项目数量|本年新公开数量/.test(s2Text)) {
    notes.push('表二是 2019 年旧版格式，未读取');
  } else if (s2Lines) {
    const read = readTable(s2Specs(form), s2Lines);
    for (const [p, v] of read.values) values.set(p, v);
    settle(form, read, values);
    ambiguous.push(...read.ambiguous);
    // Table 二 keeps “/” as 不适用 where the format allows it (rule 17); elsewhere it is a blank.
    const kept = read.marked.filter((p) => form.cellByPath.get(p)?.notApplicable);
    for (const p of kept) notApplicable.add(p);
    notes.push(...read.notes.map((n) => (n === MARKED_BLANK && kept.length > 0 ? MARKED_NA : n)));
  }
  // Table 二 given only in prose.
  if (![...values.keys()].some((p) => p.startsWith('s2.'))) {
    const all = lines.map((l) => l.norm).join('\n');
    const docs =
      /规范性文件[^。]*?制发件数\s*(\d+)\s*件[^。]*?废止件数\s*(\d+)\s*件[^。]*?现行有效件数\s*(\d+)\s*件/.exec(
        all,
      );
    if (docs) {
      values.set('s2.normativeDocs.issued', Number(docs[1]));
      values.set('s2.normativeDocs.repealed', Number(docs[2]));
      values.set('s2.normativeDocs.inForce', Number(docs[3]));
    }
    const one = (path: string, re: RegExp) => {
      const v = prose(all, re);
      if (v !== null) values.set(path, v);
    };
    one('s2.licensing', /行政许可[^。；;]*?处理决定数量\s*(\d+)\s*[项件]/);
    one('s2.penalties', /行政处罚\s*(\d+)\s*[项件]/);
    one('s2.enforcement', /行政强制\s*(\d+)\s*[项件]/);
    const fee = /行政事业性收费\s*(\d+(?:\.\d+)?)\s*(万元|元)/.exec(all);
    if (fee) values.set('s2.fees', fee[2] === '元' ? Number(fee[1]) / 10000 : Number(fee[1]));
    if ([...values.keys()].some((p) => p.startsWith('s2.'))) notes.push('表二的数字取自正文');
  }

  // 三
  const s3Lines = parts.get('s3');
  if (s3Lines) {
    const read = readTable(s3Specs(form), s3Lines);
    for (const [p, v] of read.values) values.set(p, v);
    settle(form, read, values);
    ambiguous.push(...read.ambiguous);
    notes.push(...read.notes);
  }
  const all = lines.map((l) => l.norm).join('\n');
  if (![...values.keys()].some((p) => p.startsWith('s3.'))) {
    const total = form.s3.columns.length - 1;
    const received =
      prose(all, /新收[^。；;\d]{0,16}申请[^。；;\d]{0,8}(\d+)\s*件/) ??
      prose(all, /收到[^。；;]{0,12}申请[^。；;\d]{0,6}(\d+)\s*件/) ??
      // 「未收到政府信息公开申请」, 「未接收到依申请公开」, 「无依申请公开政府信息」: none came.
      (/(未|没有)(收到|接收到?|接到)[^。；;\d]{0,12}申请|(未|没有)(收到|接收到?|接到)依申请公开|无依申请公开/.test(
        all,
      )
        ? 0
        : null);
    const carriedOver = prose(all, /上年(?:度)?结转[^。；;\d]{0,16}(?:申请)?[^。；;\d]{0,8}?(\d+)\s*件/);
    const carryForward =
      prose(all, /(\d+)\s*件[^。；;\d]{0,4}结转(?:至|到)?下(?:一)?年度/) ??
      prose(all, /结转(?:至|到)?下(?:一)?年度[^。；;\d]{0,10}(\d+)\s*件/);
    const read: [string, number | null][] = [
      [`s3.new[${total}]`, received],
      [`s3.carriedOver[${total}]`, carriedOver],
      [`s3.carryForward[${total}]`, carryForward],
    ];
    for (const [p, v] of read) if (v !== null) values.set(p, v);
    if (read.some(([, v]) => v !== null)) notes.push('表三没有读到，申请的总数取自正文');
  }

  // 四: fifteen figures after the headers.
  const s4Lines = parts.get('s4');
  const s4Paths = form.s4.groups.flatMap((g) => form.s4.fields.map((f) => `s4.${g.id}.${f.id}`));
  if (s4Lines) {
    const toks = s4Lines.flatMap((l) => tokens(l.norm)).filter((t) => t.kind !== 'label');
    const raws = toks.map((t) => (t as { raw: string }).raw);
    const n = form.s4.fields.length;
    const fits = (v: number[]) => form.s4.groups.every((_, g) => sumsUp(v.slice(g * n, g * n + n)));
    const inOrder = raws.map(Number);
    if (toks.length === s4Paths.length && toks.some((t) => t.kind === 'na')) {
      // Blanks keep their places: the figures as printed, the blanks unread.
      s4Paths.forEach((p, i) => values.set(p, toks[i]!.kind === 'num' ? inOrder[i]! : null));
      notes.push('表四有空白的单元格，按未填写处理');
    } else if (toks.length === s4Paths.length && toks.every((t) => t.kind === 'num') && fits(inOrder))
      s4Paths.forEach((p, i) => values.set(p, inOrder[i]!));
    else if (toks.length === s4Paths.length && toks.every((t) => t.kind === 'num')) {
      // PDF text gives the cells out of order: find the groups by their sums.
      const grouped = groupsBySums(inOrder, form.s4.groups.length, n - 1);
      if (grouped) {
        grouped.forEach((g, k) =>
          form.s4.fields.forEach((f, i) => values.set(`s4.${form.s4.groups[k]!.id}.${f.id}`, g[i]!)),
        );
        notes.push('表四的数字顺序被打乱，已按各组合计对应');
      } else notes.push('表四的数字无法按合计对应，未读取');
    } else if (toks.length < s4Paths.length && toks.length > 0 && toks.every((t) => t.kind === 'num')) {
      const found = readings(raws, s4Paths.length, fits);
      if (found.length === 1) {
        s4Paths.forEach((p, i) => values.set(p, found[0]![i]!));
        notes.push('表四的数字连在一起，已按合计拆分');
      } else if (found.length > 1)
        s4Paths.forEach((p, i) => {
          const c = [...new Set(found.map((f) => f[i]!))];
          if (c.length === 1) values.set(p, c[0]!);
          else ambiguous.push({ path: p, candidates: c.sort((a, b) => a - b) });
        });
    }
  }
  if (!s4Paths.some((p) => values.has(p))) {
    // 「未发生因政府信息公开产生行政复议、行政诉讼的情况」: none of either.
    const none = /(未|没有)(发生|出现|因)[^。；;\d]{0,24}行政复议[、和及与或]?行政诉讼/.test(all);
    const review = prose(all, /行政复议\s*(\d+)\s*件/) ?? (none ? 0 : null);
    const suits = prose(all, /行政诉讼\s*(\d+)\s*件/) ?? (none ? 0 : null);
    if (review !== null) values.set('s4.review.total', review);
    if (suits === 0) {
      for (const g of form.s4.groups.filter((g) => g.id !== 'review')) values.set(`s4.${g.id}.total`, 0);
    }
    if (review !== null || suits !== null) notes.push('表四没有读到，复议、诉讼总数取自正文');
  }

  const s5Lines = parts.get('s5');
  const s6Lines = parts.get('s6');
  const report = build(
    form,
    head.name,
    year,
    s1,
    values,
    notApplicable,
    s5Lines ? text(s5Lines) : null,
    s6Lines ? text(s6Lines) : null,
  );
  const missing = form.cells
    .map((c) => c.path)
    .filter((p) => !notApplicable.has(p) && (values.get(p) === undefined || values.get(p) === null));
  return { report, missing, ambiguous, notes };
}

function build(
  form: Form,
  name: string,
  year: number | null,
  s1: Record<string, string | null>,
  values: Map<string, number | null>,
  notApplicable: ReadonlySet<string>,
  s5: string | null,
  s6: string | null,
): ImportedReport {
  const get = (p: string) => values.get(p) ?? null;
  const s2Cell = (p: string) => (notApplicable.has(p) ? NOT_APPLICABLE : get(p));
  const s2: Record<string, unknown> = {};
  for (const table of form.s2.tables)
    for (const row of table.rows)
      s2[row.id] = table.columns
        ? Object.fromEntries(table.columns.map((c) => [c.key, s2Cell(`s2.${row.id}.${c.key}`)]))
        : s2Cell(`s2.${row.id}`);
  const s3: Record<string, Cells> = {};
  for (const row of form.s3.rows) {
    const cells = form.s3.columns.map((_, c) => get(`s3.${row.id}[${c}]`));
    s3[row.id] = cells.every((v) => v === null) ? null : cells;
  }
  const s4: Record<string, Record<string, number | null>> = {};
  for (const g of form.s4.groups)
    s4[g.id] = Object.fromEntries(form.s4.fields.map((f) => [f.id, get(`s4.${g.id}.${f.id}`)]));
  return { formVersion: form.version, org: { name }, year, s1, s2, s3, s4, s5, s6 };
}
