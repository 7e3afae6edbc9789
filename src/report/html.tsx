// The compiled report as a print-ready A4 page: the official tables with their merged header
// cells, Chinese fonts as offices publish (仿宋 body, 黑体 headings), readable on a phone. The report
// itself (`ReportContent`, styles scoped under `.report`) can be embedded in another page. All user
// text is escaped by hono/jsx.
import { raw } from 'hono/html';
import type { Form } from '../../forms';
import type { Report } from '../../forms/model';
import { layoutReport, reportTitle, type Block, type LayoutTable, type LayoutOptions } from './layout';

/** The page around a report: A4 in print; on a screen centred, with side margins on a phone. */
const PAGE_STYLE = `
@page { size: A4; margin: 25mm 20mm 20mm 20mm; }
body { margin: 0; background: #fff; }
body > .report { margin: 0 auto; max-width: calc(170mm + 32px); padding: 12mm 16px; }
@media print { body > .report { padding: 0; max-width: none; } body > .notice { display: none; } }
body > .notice { margin: 0 auto; max-width: 170mm; padding: 10px 16px; background: #fff7e0; border-bottom: 1px solid #e0c070; font: 15px/1.6 sans-serif; }
`;

/**
 * The report's own styles, scoped under `.report` so that another page (the form's review screen)
 * can embed `ReportContent` with them: 仿宋 body, 小标宋 title balanced over its lines (never one
 * character alone on the last), 黑体 and 楷体 headings, the official tables.
 */
export const REPORT_CSS = `
.report, .report * { box-sizing: border-box; }
.report { color: #000; background: #fff;
  font: 16px/1.75 "FangSong", "仿宋", "FangSong_GB2312", "STFangsong", "Noto Serif CJK SC", serif; }
.report h1 { font: 22px/1.5 "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "Noto Serif CJK SC", serif;
  font-weight: bold; text-align: center; margin: 0 auto 1.5em; text-wrap: balance; }
@supports not (text-wrap: balance) { .report h1 { max-width: var(--title-half, none); } }
.report h2 { font: 16px/1.75 "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; margin: 1.2em 0 .4em; }
.report h3 { font: 16px/1.75 "KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", serif; font-weight: bold; margin: .6em 0 .2em; }
.report p { margin: 0; text-indent: 2em; }
.report table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 12px; line-height: 1.4; }
.report table.s3, .report table.s4 { font-size: 10.5px; }
.report th, .report td { border: 1px solid #000; padding: 3px 4px; }
.report th { font-weight: bold; text-align: center; }
.report td.label { text-align: left; }
.report td.value { text-align: center; font-variant-numeric: tabular-nums; }
@media print { .report table { page-break-inside: auto; } .report tr { page-break-inside: avoid; }
  .report :is(h1, h2, h3) { break-after: avoid; } }
`;

/**
 * Where `text-wrap: balance` is not supported, the title is kept to about half its width, so that
 * two lines share it (Latin letters and digits count as half a character).
 */
function titleHalf(title: string): string {
  const ems = [...title].reduce((w, ch) => w + (ch.codePointAt(0)! < 0x2e80 ? 0.55 : 1), 0);
  return `${Math.ceil(ems / 2) + 1}em`;
}

function Table({ id, table }: { id: string; table: LayoutTable }) {
  const total = table.widths.reduce((a, b) => a + b, 0);
  return (
    <table class={id}>
      <colgroup>
        {table.widths.map((w) => (
          <col style={`width:${((w / total) * 100).toFixed(2)}%`} />
        ))}
      </colgroup>
      <tbody>
        {table.rows.map((row) => (
          <tr>
            {row.map((cell) =>
              cell.role === 'header' ? (
                <th colspan={cell.colSpan} rowspan={cell.rowSpan}>
                  {cell.text}
                </th>
              ) : (
                <td class={cell.role} colspan={cell.colSpan} rowspan={cell.rowSpan}>
                  {cell.text}
                </td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'title':
      return <h1>{block.text}</h1>;
    case 'heading':
      return block.level === 1 ? <h2>{block.text}</h2> : <h3>{block.text}</h3>;
    case 'paragraphs':
      return (
        <>
          {block.lines.map((line) => (
            <p>{line}</p>
          ))}
        </>
      );
    case 'table':
      return <Table id={block.id} table={block.table} />;
  }
}

/**
 * The compiled report itself — title, headings, paragraphs, tables — without a page around it, for
 * embedding in another page with `REPORT_CSS` in its head.
 */
export function ReportContent({
  form,
  report,
  options = {},
}: {
  form: Form;
  report: Report;
  options?: LayoutOptions;
}) {
  return (
    <article class="report" style={`--title-half:${titleHalf(reportTitle(form, report))}`}>
      {layoutReport(form, report, options).map((block) => (
        <BlockView block={block} />
      ))}
    </article>
  );
}

export function renderHtml(form: Form, report: Report, options: LayoutOptions = {}): string {
  const page = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{reportTitle(form, report)}</title>
        <style>{raw(PAGE_STYLE + REPORT_CSS)}</style>
      </head>
      <body>
        {options.notice ? (
          <p class="notice" role="note">
            {options.notice}
          </p>
        ) : null}
        <ReportContent form={form} report={report} options={options} />
      </body>
    </html>
  );
  return '<!DOCTYPE html>' + String(page);
}
