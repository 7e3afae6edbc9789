// The order in which a person is asked, as data: which section comes when, which questions gate
// the big tables (a body with no applications answers one yes/no instead of table 三), and what
// each cell is called in a question. The flow engine interprets this; it lists no cell itself.
import { S2_TABLES, S3_ROWS, S4_FIELDS, S4_GROUPS, type S3RowId, type SectionId } from './report-2021';

/** Sections in asking order; each names how its questions are produced. */
export const ASK_ORDER: readonly {
  section: SectionId;
  how: 'texts' | 'numbers' | 'applications' | 'cases' | 'text';
}[] = [
  { section: 's1', how: 'texts' },
  { section: 's2', how: 'numbers' },
  { section: 's3', how: 'applications' },
  { section: 's4', how: 'cases' },
  { section: 's5', how: 'text' },
  { section: 's6', how: 'text' },
];

/** Table 二 cells in asking order (the published order). */
export const S2_ASKED = S2_TABLES.flatMap((t) =>
  t.rows.flatMap((row) =>
    'columns' in t
      ? t.columns.map((c) => ({ path: `s2.${row.id}.${c.key}`, row, question: `${row.label}：${c.label}` }))
      : [{ path: `s2.${row.id}`, row, question: `${row.label}：${t.single.label}` }],
  ),
);

/** How each table 三 row is put in a question about one applicant column. */
export const S3_QUESTION: Partial<Record<S3RowId, string>> = {
  new: '本年新收的申请有多少件？',
  carriedOver: '上年结转（去年没办完）的申请有多少件？',
  carryForward: '结转下年度继续办理（年底还没办完）的有多少件？',
};
export const s3ResultQuestion = (short: string) => `办理结果为「${short}」的有多少件？`;

/** Result rows, numbered for choosing (1 予以公开 … 23 其他处理-其他). */
export const S3_RESULT_CHOICES = S3_ROWS.filter((r) => r.role === 'result').map((r, i) => ({
  key: r.id,
  no: i + 1,
  label: r.short,
}));

/** The result rows offered as one-tap answers, being the most common. */
export const S3_COMMON_RESULTS: readonly S3RowId[] = ['granted', 'partial', 'unavailable1'];

export const S4_ASKED_FIELDS = S4_FIELDS.filter((f) => f.id !== 'total');
export const S4_CHOICES = S4_GROUPS.map((g, i) => ({ key: g.id, no: i + 1, label: g.short }));
