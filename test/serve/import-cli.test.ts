// `npm run import` as an operator runs it: files in, report.json out, a clear refusal for the rest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { expect, it } from 'vitest';
import { CHROMIUM_ARGS } from '../../scripts/dev-server.mjs';
import { compileReport } from '../../src/report/compile';
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
  const fromWord = JSON.parse(word.stdout);
  expect(fromWord.report.s3).toEqual(example.s3);
  // The findings of the rules on what was read come with it.
  expect(fromWord.findings).toEqual({ errors: [], warnings: expect.any(Array) });

  // A PDF, printed by Chromium from the compiled report as an office prints its report for the web.
  const html = await compileReport(FORM_2021, example, 'html');
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    await page.setContent(String(html.body));
    writeFileSync(path.join(out, 'baiying.pdf'), await page.pdf({ format: 'A4' }));
  } finally {
    await browser.close();
  }
  const pdf = run(path.join(out, 'baiying.pdf'), '--out', out);
  expect(pdf.status, pdf.stderr).toBe(0);
  expect(pdf.stdout).toContain('汤阴县白营镇政府 2023 — 0 cells not read, 0 ambiguous');
  const fromPdf = JSON.parse(readFileSync(path.join(out, 'baiying.report.json'), 'utf8'));
  for (const part of ['s2', 's3', 's4', 's5', 's6', 's1'] as const)
    expect(fromPdf.report[part]).toEqual(example[part]);

  writeFileSync(path.join(out, 'old.doc'), new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
  writeFileSync(path.join(out, 'scan.pdf'), '%PDF-1.4\n%%EOF\n');
  const refused = run(path.join(out, 'old.doc'), path.join(out, 'scan.pdf'), 'missing.txt');
  expect(refused.status).toBe(1);
  expect(refused.stderr).toContain('old.doc: an old Word file (.doc/.wps): save it as .docx first');
  expect(refused.stderr).toContain('scan.pdf: no text could be read from this PDF');
  expect(refused.stderr).toContain('missing.txt: no such file');
  expect(run().status).toBe(2);
});
