// The reviewer's rules (11–15): what reviewers of published reports write up beyond the sums — the
// text against the tables, sections marked down, cells a body cannot have, the year in the text,
// and last year's report. Each is tuned to stay quiet on what real reports say correctly: a number
// is compared only where its sentence unambiguously describes the same cell.
import type { Form } from '../../forms';
import { getText, s3Path, s4Path } from '../../forms/model';
import { REVIEW_COPY as T } from './copy';
import { finding, inForceGap, valueOf, type Finding } from './findings';
import { parseCount } from './numbers';
import { isEmptyText } from './texts';

/** 五 shorter than this (characters, without spaces and punctuation) says too little. */
export const MIN_S5_CHARS = 30;
/** A text this similar to last year's (character bigrams, Dice) is marked as barely changed. */
export const SIMILAR = 0.8;

const compact = (text: string) =>
  text.replace(/[\s\u3000，,。．.；;：:、！!？?“”"'‘’（）()《》【】—…-]/g, '');

/** The sentences of a text: split at 。；！？ and line breaks, trimmed, none empty. */
export function sentences(text: string): string[] {
  return text
    .split(/[。；;！!？?\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A sentence as quoted in a finding: whole up to 60 characters, else its start. */
const quote = (s: string) => (s.length > 60 ? `${s.slice(0, 60)}…` : s);

// ---------------------------------------------------------------------------------------------
// 11. Text against tables

type Stated =
  | 'new'
  | 'carriedOver'
  | 'carryForward'
  | 'answered'
  | 'granted'
  | 'review'
  | 'suits'
  | 'issued'
  | 'repealed'
  | 'inForce';

const NUM = '([0-9]+|[零〇一二两三四五六七八九十百千]+)';
/** What a sentence may state about a table, each with the pattern that states it. */
const STATEMENTS: readonly [Stated, RegExp][] = [
  ['new', new RegExp(`(?:新收|收到|接收|接到)[^，,\\d]{0,12}申请[^，,\\d]{0,6}?${NUM}件`)],
  ['carriedOver', new RegExp(`上年(?:度)?结转[^，,\\d]{0,12}?${NUM}件`)],
  ['carryForward', new RegExp(`${NUM}件[^，,\\d]{0,4}结转(?:至|到)?下(?:一)?年度`)],
  ['carryForward', new RegExp(`结转(?:至|到)(?:下一?年度?|\\d{4}年度?)${NUM}件`)],
  ['answered', new RegExp(`(?:办结|答复)[^，,\\d]{0,10}?${NUM}件`)],
  ['granted', new RegExp(`予以公开${NUM}件`)],
  ['review', new RegExp(`行政复议(?:案件)?${NUM}[件起]`)],
  ['suits', new RegExp(`行政诉讼(?:案件)?${NUM}[件起]`)],
  ['issued', new RegExp(`(?:制发|印发|出台)[^，,\\d]{0,8}规范性文件${NUM}件`)],
  ['repealed', new RegExp(`废止[^，,\\d]{0,8}规范性文件${NUM}件`)],
  ['inForce', new RegExp(`现行有效[^，,\\d]{0,8}规范性文件${NUM}件`)],
];

/** Table 三 counts 政府信息公开申请 only: a sentence on letters, calls or petitions is about something else. */
const OTHER_REQUESTS = /来信|信访|来访|来电|咨询|留言|诉求|投诉|热线|建议|提案/;
const S3_STATED: ReadonlySet<Stated> = new Set(['new', 'carriedOver', 'carryForward', 'answered', 'granted']);

/** A sentence that speaks for part of the body (区政府办代表区政府), or of a part of a figure. */
const PART_OF = /代表|下属|所属|各乡镇|各部门|各单位|乡镇[(（]?街道|部门[^，,]{0,4}共/;
/** Composition: what follows 其中, 含 or 另有 (or is in brackets) is a part, not the figure itself. */
const COMPOSED = /其中|[（(]|含|包括|另有|此外/;
/** Not one exact figure: about, more than, a range (约5件, 5件左右, 3-5件). */
const INEXACT = /^(?:左右|以上|以内|多)/;
const INEXACT_BEFORE = /(?:约|近|超过|逾|[-~～至到])$/;

/** The table's figure a statement is about: its cells and their sum (undefined when not entered). */
function tableFigure(form: Form, report: object, what: Stated): { cells: string[]; value?: number } {
  const t = form.s3Index.total;
  const cells = (
    {
      new: [s3Path('new', t)],
      carriedOver: [s3Path('carriedOver', t)],
      carryForward: [s3Path('carryForward', t)],
      answered: [s3Path('total', t)],
      granted: [s3Path('granted', t)],
      review: [s4Path('review', 'total')],
      suits: form.s4.groups.filter((g) => g.id !== 'review').map((g) => s4Path(g.id, 'total')),
      issued: ['s2.normativeDocs.issued'],
      repealed: ['s2.normativeDocs.repealed'],
      inForce: ['s2.normativeDocs.inForce'],
    } satisfies Record<Stated, string[]>
  )[what];
  const values = cells.map((c) => valueOf(form, report, c));
  if (values.some((v) => v === undefined)) return { cells };
  return { cells, value: values.reduce((a, b) => a! + b!, 0) };
}

/** The figures a sentence states about the tables, where it unambiguously does. */
export function statedFigures(
  sentence: string,
  year: number | null,
  whole: boolean,
): { what: Stated; value: number }[] {
  if (PART_OF.test(sentence) || (!whole && /本机关|本级/.test(sentence))) return [];
  // Another year's figures (a comparison) are not this report's; 「结转至2026年」 names next year as
  // where cases go, and a document's title (《2023年…要点》) is no comparison.
  const plain = sentence.replace(/《[^》]*》/g, '').replace(/(?:至|到)\d{4}\s*年/g, '');
  for (const m of plain.matchAll(/(\d{4})\s*年/g)) if (year !== null && Number(m[1]) !== year) return [];
  const cut = COMPOSED.exec(sentence);
  const head = cut ? sentence.slice(0, cut.index) : sentence;
  const out: { what: Stated; value: number }[] = [];
  const requests = /申请/.test(head) && !OTHER_REQUESTS.test(head);
  for (const [what, re] of STATEMENTS) {
    if (S3_STATED.has(what) && !requests) continue;
    const m = re.exec(head);
    if (!m) continue;
    // Where the number is: at the end of the match (…申请5件) or at its start (6件结转下一年度).
    const numAt =
      /[件起]$/.test(m[0]) && m[0].slice(0, -1).endsWith(m[1]!)
        ? m.index + m[0].length - m[1]!.length - 1
        : m.index;
    const before = head.slice(Math.max(0, numAt - 2), numAt);
    const after = head.slice(numAt + m[1]!.length + 1, numAt + m[1]!.length + 3);
    if (INEXACT_BEFORE.test(before) || INEXACT.test(after)) continue;
    const parsed = parseCount(m[1]!);
    if (parsed.ok) out.push({ what, value: parsed.value });
  }
  return out;
}

function textAgainstTables(form: Form, report: Record<string, unknown>): Finding[] {
  const out: Finding[] = [];
  const year = typeof report.year === 'number' ? report.year : null;
  const kind = (report.org as { kind?: string } | undefined)?.kind;
  // A township's or a department's 「本机关」 is the whole report; a government's may be its own office.
  const whole = kind === 'township' || kind === 'subdistrict' || kind === 'department';
  const seen = new Set<Stated>();
  for (const part of form.texts) {
    const text = getText(report, part.path);
    if (typeof text !== 'string') continue;
    for (const sentence of sentences(text)) {
      for (const { what, value } of statedFigures(sentence.normalize('NFKC'), year, whole)) {
        if (seen.has(what)) continue;
        const figure = tableFigure(form, report, what);
        if (figure.value === undefined || figure.value === value) continue;
        seen.add(what);
        out.push(
          finding(
            11,
            [part.path, ...figure.cells],
            T.textVsTable(part.name, quote(sentence), T.stated[what], value, figure.value),
            figure.value,
            value,
          ),
        );
      }
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 12. Sections reviewers mark down

const PROBLEM =
  /问题|不足|差距|短板|薄弱|欠缺|有待|不够|不高|不强|滞后|不到位|不及时|不全面|不规范|偏少|单一/;
const MEASURE = /改进|整改|措施|下一步|下步|今后|将进一步|将继续|将加强|计划|拟|努力|着力|加以|提升|完善/;
const FEE = /处理费|收费|收取|费用/;

/** A text that only repeats the format's own words: a part's hint or its heading, nothing written. */
function boilerplateOnly(form: Form, report: object): Finding[] {
  const numbering = /^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)+/;
  const stock = form.texts.flatMap((t) => [t.hint, t.heading, t.name].map((s) => s.replace(numbering, '')));
  // 「…平台建设情况」 is the heading 「（四）政府信息公开平台建设」 all the same.
  const plain = (s: string) => compact(s.trim().replace(numbering, '')).replace(/(情况|工作|方面)$/, '');
  const known = new Set(stock.map(plain).filter((s) => s.length > 0));
  const out: Finding[] = [];
  for (const part of form.texts) {
    const text = getText(report, part.path);
    if (typeof text === 'string' && !isEmptyText(text) && known.has(plain(text)))
      out.push(finding(12, [part.path], T.boilerplate(part.name)));
  }
  return out;
}

function sectionsMarkedDown(form: Form, report: object): Finding[] {
  const out: Finding[] = [...boilerplateOnly(form, report)];
  const s5 = getText(report, 's5');
  const s5Name = form.texts.find((t) => t.path === 's5')!.name;
  // An empty 五 or 六 (or only 「无」) is rule 9's.
  if (typeof s5 === 'string' && !isEmptyText(s5)) {
    const t = compact(s5);
    if (t.length < MIN_S5_CHARS) out.push(finding(12, ['s5'], T.s5Short(s5Name, t.length, MIN_S5_CHARS)));
    else if (/暂无问题|没有问题|无问题|未发现问题/.test(t) || !PROBLEM.test(t))
      out.push(finding(12, ['s5'], T.s5NoProblem(s5Name)));
    else if (!MEASURE.test(t)) out.push(finding(12, ['s5'], T.s5NoMeasure(s5Name)));
  }
  const s6 = getText(report, 's6');
  const s6Name = form.texts.find((t) => t.path === 's6')!.name;
  if (typeof s6 === 'string' && !isEmptyText(s6) && !FEE.test(s6))
    out.push(finding(12, ['s6'], T.s6NoFee(s6Name)));
  return out;
}

// ---------------------------------------------------------------------------------------------
// 13. Cells a body cannot have

const RULES_CELLS = ['s2.rules.issued', 's2.rules.repealed', 's2.rules.inForce'] as const;

function impossibleCells(form: Form, report: Record<string, unknown>): Finding[] {
  const kind = (report.org as { kind?: string } | undefined)?.kind;
  if (kind !== 'township' && kind !== 'subdistrict' && kind !== 'department') return [];
  const given = RULES_CELLS.filter((p) => (valueOf(form, report, p) ?? 0) > 0);
  if (given.length === 0) return [];
  const values = given.map((p) => valueOf(form, report, p)!);
  return [
    finding(
      13,
      [...given],
      kind === 'department' ? T.rulesDepartment(values) : T.rulesTownship(values),
      0,
      Math.max(...values),
      kind === 'department' ? 'warning' : 'error',
    ),
  ];
}

// ---------------------------------------------------------------------------------------------
// 14. The year in the text

/** A sentence that opens with a year as the current one: 「2022年，我镇…」. */
const OPENS_WITH_YEAR =
  /^(\d{4})\s*年(?:度)?\s*[，,]?\s*(?:我|本|全|各|在|按照|根据|围绕|坚持|深入|认真|紧紧)/;
const COMPARES = /与|比|较|同比|相比|以来|截至|截止|至今|以前|之前|上年|去年/;
const PLANS = /将|计划|拟|预计|力争|争取|要|继续|进一步/;

function yearInText(form: Form, report: Record<string, unknown>): Finding[] {
  const year = typeof report.year === 'number' ? report.year : null;
  if (year === null) return [];
  const out: Finding[] = [];
  for (const part of form.texts) {
    const text = getText(report, part.path);
    if (typeof text !== 'string') continue;
    const wrong = sentences(text).find((sentence) => {
      const s = sentence.normalize('NFKC');
      const m = OPENS_WITH_YEAR.exec(s);
      if (!m) return false;
      const said = Number(m[1]);
      // A year before this one, told as the current one (a text kept from an old report).
      if (said < year && said >= year - 5) return !COMPARES.test(s);
      // Next year in 五 (or with 将/计划) is a plan, not this year's work.
      return said === year + 1 && part.path !== 's5' && !PLANS.test(s) && !COMPARES.test(s);
    });
    if (wrong) {
      const said = Number(OPENS_WITH_YEAR.exec(wrong.normalize('NFKC'))![1]);
      out.push(finding(14, [part.path], T.yearInText(part.name, quote(wrong), said, year), year, said));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// 15. Year over year

/** How alike two texts are, 0–1: shared character pairs over all (Dice), spaces and punctuation aside. */
export function similarity(a: string, b: string): number {
  const pairs = (t: string) => {
    const chars = [...compact(t)];
    const counts = new Map<string, number>();
    for (let i = 0; i + 1 < chars.length; i++) {
      const k = chars[i]! + chars[i + 1]!;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
    return { counts, size: Math.max(0, chars.length - 1) };
  };
  const x = pairs(a);
  const y = pairs(b);
  if (x.size + y.size === 0) return 0;
  let shared = 0;
  for (const [k, n] of x.counts) shared += Math.min(n, y.counts.get(k) ?? 0);
  return (2 * shared) / (x.size + y.size);
}

function yearOverYear(form: Form, report: object, previous: object): Finding[] {
  const out: Finding[] = [];
  const gap = inForceGap(form, report, previous, 'rules');
  if (gap) {
    const { inForce, before, issued, repealed, expected } = gap;
    out.push(
      finding(15, ['s2.rules.inForce'], T.rulesInForce(inForce, before, issued, repealed), expected, inForce),
    );
  }
  for (const part of form.texts) {
    const now = getText(report, part.path);
    const then = getText(previous, part.path);
    if (typeof now !== 'string' || typeof then !== 'string') continue;
    // Identical texts are rule 9's; a line or two is too short to judge.
    if (compact(now) === compact(then) || compact(now).length < MIN_S5_CHARS) continue;
    const alike = similarity(now, then);
    if (alike >= SIMILAR) {
      const percent = Math.floor(alike * 100);
      out.push(finding(15, [part.path], T.similar(part.name, percent), Math.round(SIMILAR * 100), percent));
    }
  }
  return out;
}

/** Rules 11–15 on a report or draft (with last year's report of the same body, when known). */
export function reviewFindings(form: Form, report: object, previous?: object): Finding[] {
  const r = report as Record<string, unknown>;
  return [
    ...textAgainstTables(form, r),
    ...sectionsMarkedDown(form, report),
    ...impossibleCells(form, r),
    ...yearInText(form, r),
    ...(previous ? yearOverYear(form, report, previous) : []),
  ];
}
