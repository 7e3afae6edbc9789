// The compiled report as normalised `report.json`: the canonical key order of the definition, line
// endings unified and trailing blanks trimmed in texts. Figures are kept as given (totals are not
// recomputed), so a report with wrong totals stays representable and can be flagged.
import { CELLS, emptyReport, getCell, setCell, type Report } from '../../forms/model';
import { S1_PARTS } from '../../forms/report-2021';

function normaliseText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .trim();
}

export function normaliseReport(report: Report): Report {
  const org: Report['org'] = { name: report.org.name.trim() };
  if (report.org.kind) org.kind = report.org.kind;
  const out = emptyReport(org, report.year);
  for (const part of S1_PARTS) out.s1[part.id] = normaliseText(report.s1[part.id]);
  for (const cell of CELLS) setCell(out, cell, getCell(report, cell) ?? 0);
  out.s5 = normaliseText(report.s5);
  out.s6 = normaliseText(report.s6);
  return out;
}

export function renderJson(report: Report): string {
  return JSON.stringify(normaliseReport(report), null, 2) + '\n';
}
