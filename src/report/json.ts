// The compiled report as normalised `report.json`: the canonical key order of the definition, line
// endings unified and trailing blanks trimmed in texts. Figures are kept as given (totals are not
// recomputed), so a report with wrong totals stays representable and can be flagged.
import type { Form } from '../../forms';
import { cellEntry, emptyReport, getText, setCell, setText, type Report } from '../../forms/model';

function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

export function normaliseReport(form: Form, report: Report): Report {
  const org: Report['org'] = { name: report.org.name.trim() };
  if (report.org.kind) org.kind = report.org.kind;
  const out = emptyReport(form, org, report.year);
  for (const path of form.textPaths) setText(out, path, normaliseText(getText(report, path) ?? ''));
  for (const cell of form.cells) setCell(out, cell, cellEntry(report, cell) ?? 0);
  return out;
}

export function renderJson(form: Form, report: Report): string {
  return JSON.stringify(normaliseReport(form, report), null, 2) + '\n';
}
