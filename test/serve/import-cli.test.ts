// `npm run import` as an operator runs it: files in, report.json out, a clear refusal for the rest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FORM_2021 } from '../../forms/report-2021';
import { renderDocx } from '../../src/report/docx';

const root = path.resolve(__dirname, '..', '..');
const run = (...args: string[]) =>
  spawnSync(process.execPath, [path.join(root, 'scripts', 'import.mjs'), ...args], {
    cwd: root,
    encoding: 'utf8',
  });

it('writes one report.json per file, and refuses a file it cannot read with the reason', async () => {
  const out = mkdtempSync(path.join(tmpdir(), 'nianbao-import-'));
  const done = run('test/fixtures/import/huaian-city-2024.txt', '--out', out);
  expect(done.status, done.stderr).toBe(0);
  expect(done.stdout).toContain('淮安市人民政府 2024 — 0 cells not read, 0 ambiguous');
  const written = JSON.parse(readFileSync(path.join(out, 'huaian-city-2024.report.json'), 'utf8'));
  const expected = JSON.parse(
    readFileSync(path.join(root, 'test/fixtures/import/huaian-city-2024.report.json'), 'utf8'),
  );
  expect(written.report.s2).toEqual(expected.s2);
  // A Word file, such as the one nianbao compiles.
  const example = JSON.parse(readFileSync(path.join(root, 'test/fixtures/baiying-2023.report.json'), 'utf8'));
  writeFileSync(path.join(out, 'baiying.docx'), new Uint8Array(await renderDocx(FORM_2021, example)));
  const word = run(path.join(out, 'baiying.docx'));
  expect(word.status, word.stderr).toBe(0);
  expect(JSON.parse(word.stdout).report.s3).toEqual(example.s3);
  const refused = run('report.pdf');
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('only .txt, .html and .docx');
  expect(run().status).toBe(2);
});
