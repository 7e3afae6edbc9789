// `npm run rules:eval -- DIR…`: the reviewer's rules (11–15) over published reports — every `NAME.txt`
// read by the importer (with last year's report where the same body's previous year is beside it) —
// printing each finding with its sentence, and the count per rule, for reading: are they right?
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import './check-node.mjs';
import { importTs } from './settings.mjs';

const { importReport } = await importTs('src', 'import', 'read.ts');
const { checkReport } = await importTs('src', 'engine', 'check.ts');
const { FORMS } = await importTs('forms', 'index.ts');

/** The kind of body a title names (the report's own kind is not in its text). */
function kindOf(name) {
  if (/(街道|办事处)$/.test(name)) return 'subdistrict';
  if (/[镇乡](人民政府|政府)?$/.test(name)) return 'township';
  if (/(局|委员会|委|办公室|办公厅|中心|厅)$/.test(name)) return 'department';
  if (/省(人民政府|政府)?$/.test(name)) return 'province';
  if (/市(人民政府|政府)?$/.test(name)) return 'city';
  return 'county';
}

const caller = process.env.INIT_CWD ?? process.cwd();
const dirs = process.argv.slice(2);
if (dirs.length === 0) {
  console.error('usage: npm run rules:eval -- DIR…');
  process.exit(2);
}
const reports = new Map();
for (const dir of dirs.map((d) => path.resolve(caller, d)))
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const got = importReport(readFileSync(path.join(dir, file), 'utf8'));
    got.report.org.kind = kindOf(got.report.org.name);
    reports.set(file, got.report);
  }
const counts = {};
for (const [file, report] of reports) {
  const before = file.replace(/(\d{4})/, (y) => String(Number(y) - 1));
  const previous = before !== file ? reports.get(before) : undefined;
  const form = FORMS.of(report.formVersion) ?? FORMS.current;
  const { errors, warnings } = checkReport(form, report, previous);
  for (const f of [...errors, ...warnings]) counts[f.rule] = (counts[f.rule] ?? 0) + 1;
  const reviewed = [...errors, ...warnings].filter((f) => f.rule >= 11);
  if (reviewed.length) {
    console.log(
      `${file} (${report.org.name || '?'}, ${report.org.kind}${previous ? ', with last year' : ''}):`,
    );
    for (const f of reviewed) console.log(`  rule ${f.rule} ${f.severity}: ${f.message}`);
  }
}
console.log(
  `\n${reports.size} reports; findings per rule: ${Object.entries(counts)
    .map(([r, n]) => `${r}: ${n}`)
    .join(', ')}`,
);
