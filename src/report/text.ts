// The compiled report as plain text, to paste into a government website's CMS: the official
// order of every heading, label and value, tables as tab-separated rows (merged cells left
// blank) so that a paste into Word, WPS or a spreadsheet becomes a table again.
import type { Form } from '../../forms';
import type { Report } from '../../forms/model';
import { layoutReport, tableGrid, type Block, type LayoutOptions } from './layout';

function blockLines(block: Block): string[] {
  switch (block.kind) {
    case 'title':
      return [block.text];
    case 'heading':
      return block.level === 1 ? ['', block.text] : [block.text];
    case 'paragraphs':
      return block.lines;
    case 'table':
      return tableGrid(block.table).map((row) =>
        row
          .map((cell) => cell?.text.replace(/\s+/g, ' ') ?? '')
          .join('\t')
          .replace(/\t+$/, ''),
      );
  }
}

export function renderText(form: Form, report: Report, options: LayoutOptions = {}): string {
  return layoutReport(form, report, options).flatMap(blockLines).join('\n').trim() + '\n';
}
