// The compiled report as a print-ready A4 page: the official tables with their merged header
// cells, Chinese fonts as offices publish (仿宋 body, 黑体 headings). All user text is escaped by
// hono/jsx.
import { raw } from 'hono/html';
import type { Form } from '../../forms';
import type { Report } from '../../forms/model';
import { layoutReport, reportTitle, type Block, type LayoutTable } from './layout';

const STYLE = `
@page { size: A4; margin: 25mm 20mm 20mm 20mm; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 170mm; padding: 12mm 0; color: #000; background: #fff;
  font: 16px/1.75 "FangSong", "仿宋", "FangSong_GB2312", "STFangsong", "Noto Serif CJK SC", serif; }
h1 { font: 22px/1.5 "FZXiaoBiaoSong-B05S", "方正小标宋简体", "SimSun", "Noto Serif CJK SC", serif;
  font-weight: bold; text-align: center; margin: 0 0 1.5em; }
h2 { font: 16px/1.75 "SimHei", "黑体", "Noto Sans CJK SC", sans-serif; margin: 1.2em 0 .4em; }
h3 { font: 16px/1.75 "KaiTi", "楷体", "STKaiti", "Noto Serif CJK SC", serif; font-weight: bold; margin: .6em 0 .2em; }
p { margin: 0; text-indent: 2em; }
table { border-collapse: collapse; width: 100%; margin: .4em 0 1em; font-size: 12px; line-height: 1.4; }
table.s3, table.s4 { font-size: 10.5px; }
th, td { border: 1px solid #000; padding: 3px 4px; }
th { font-weight: bold; text-align: center; }
td.label { text-align: left; }
td.value { text-align: center; font-variant-numeric: tabular-nums; }
@media print { body { padding: 0; max-width: none; } table { page-break-inside: auto; } tr { page-break-inside: avoid; } }
`;

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

export function renderHtml(form: Form, report: Report): string {
  const page = (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{reportTitle(form, report)}</title>
        <style>{raw(STYLE)}</style>
      </head>
      <body>
        {layoutReport(form, report).map((block) => (
          <BlockView block={block} />
        ))}
      </body>
    </html>
  );
  return '<!DOCTYPE html>' + String(page);
}
