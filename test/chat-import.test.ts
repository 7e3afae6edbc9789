// Last year's published report imported in chat, through /hooks/telegram with real D1: pasted over
// several messages, or sent as a Word file; shown, confirmed, kept; this year's draft then has it.
import { env } from 'cloudflare:test';
import { afterEach, beforeEach, expect, it } from 'vitest';
import example from './fixtures/baiying-2023.report.json';
import pingtan from './fixtures/import/pingtan-zone-2024.txt?raw';
import expected from './fixtures/import/pingtan-zone-2024.report.json';
import { county, getReport, invite } from './helpers/admin';
import { installFakeTelegram, Person } from './helpers/telegram';
import { call } from './worker';
import { defaultYear } from '../src/engine/calendar';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 81000 + Math.floor(Math.random() * 1000);
const last = defaultYear(new Date()) - 1;

async function official(town = '导入镇') {
  const c = await county([town]);
  const p = new Person(++nextUser, fake);
  await p.say(`/start ${await invite(c.ids[town]!)}`);
  return { p, orgId: c.ids[town]! };
}

/** The text in pieces under Telegram's 4,096 characters, cut at a line break or space as a phone's paste is. */
function pieces(text: string, size: number): string[] {
  const out: string[] = [];
  let rest = text;
  while (rest.length > size) {
    const cut = Math.max(rest.lastIndexOf('\n', size), rest.lastIndexOf(' ', size));
    out.push(rest.slice(0, cut));
    rest = rest.slice(cut + 1);
  }
  out.push(rest);
  return out;
}

const stored = (orgId: number, year: number) =>
  env.DB.prepare(
    `SELECT r.status, v.action FROM reports r JOIN revisions v ON v.report_id = r.id AND v.version = r.version
     WHERE r.org_id = ?1 AND r.year = ?2`,
  )
    .bind(orgId, year)
    .first<{ status: string; action: string }>();

it('takes a report pasted over several messages, shows what it read, and keeps it once confirmed', async () => {
  const { p, orgId } = await official();
  const ask = await p.last('导入去年报告');
  expect(ask.text).toContain(`请把 ${last} 年度已在网上公开的报告发给我`);
  expect(ask.text).toMatch(/https:\/\/nianbao\.example\/f\/[A-Za-z0-9_.-]+\/import/);

  const parts = pieces(pingtan, 2000);
  expect(parts.length).toBeGreaterThan(2);
  for (const [i, part] of parts.entries()) {
    const got = await p.last(part);
    expect(got.text).toContain(`已收到第 ${i + 1} 段`);
  }
  // Nothing is kept before the official has seen what was read and confirmed.
  expect(await stored(orgId, last)).toBeNull();

  const read = await p.last('读取');
  expect(read.text).toContain('读取到：平潭综合实验区');
  expect(read.text).toContain('表三 依申请公开：读出 175 / 175 项');
  expect(read.text).toContain('表四 复议诉讼：读出 15 / 15 项');
  expect(read.buttons.map((b) => b.label)).toEqual(['确认', '取消']);
  if (last !== 2024) expect(read.text).toContain(`标题写的是 2024 年度，按 ${last} 年度读取`);
  // More text now is not mixed into what was read.
  expect((await p.last('还有一段')).text).toContain('请回复「确认」保存读出的报告');

  const done = await p.press('确认');
  expect(done.at(-1)!.text).toContain(`已导入 ${last} 年度报告`);
  expect(await stored(orgId, last)).toEqual({ status: 'submitted', action: 'import' });
  const kept = await getReport(orgId, last);
  expect(kept.report.s3.carryForward).toEqual(expected.s3.carryForward);
  expect(kept.report.s4).toEqual(expected.s4);

  // The import is over: text is no longer collected, and /import says the year is there.
  expect((await p.last('/import')).text).toContain(`本单位已有 ${last} 年度报告，不用导入`);
  // This year's draft starts with last year's carry-forward to carry over.
  const fill = await p.say('/fill');
  expect(fill.map((m) => m.text).join('\n')).toContain('一、总体情况');
});

it('reads a Word file sent as a document, and says what to do with files it cannot read', async () => {
  const { p, orgId } = await official('文件镇');
  // Outside an import, a file is not read: the official is told what files are for.
  const stray = await p.sendFile('报告.docx', 'application/msword', new Uint8Array([1, 2, 3]));
  expect(stray.at(-1)!.text).toContain('要导入去年已公开的报告，请先发送 /import');

  await p.say('/import');
  const pdf = await p.sendFile('报告.pdf', 'application/pdf', new TextEncoder().encode('%PDF-1.7'));
  expect(pdf.at(-1)!.text).toContain('「报告.pdf」是 PDF，在聊天里读不了');
  expect(pdf.at(-1)!.text).toMatch(/\/f\/[A-Za-z0-9_.-]+\/import/);
  const doc = await p.sendFile('报告.doc', 'application/msword', new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]));
  expect(doc.at(-1)!.text).toContain('另存为 .docx');
  // Past the limit, the file is not even fetched.
  const calls = fake.sent.filter((s) => s.method === 'getFile').length;
  const big = await p.sendFile(
    '大文件.docx',
    'application/vnd.openxmlformats',
    new Uint8Array(10),
    3 * 2 ** 20,
  );
  expect(big.at(-1)!.text).toContain('超过 2 MB');
  expect(fake.sent.filter((s) => s.method === 'getFile').length).toBe(calls);

  const word = await call('/api/compile?format=docx', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ ...example, org: { name: '文件镇人民政府', kind: 'township' }, year: last }),
  });
  expect(word.status).toBe(200);
  const bytes = new Uint8Array(await word.arrayBuffer());
  const read = await p.sendFile(
    `文件镇${last}年报.docx`,
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    bytes,
  );
  const shown = read.at(-1)!.text;
  expect(shown).toContain(`读取到：文件镇人民政府 ${last} 年度报告`);
  expect(shown).toContain('表三 依申请公开：读出 175 / 175 项');
  expect(shown).not.toContain('没能读出');
  expect((await p.press('确认')).at(-1)!.text).toContain(`已导入 ${last} 年度报告（读出 200 项数字）`);
  expect((await getReport(orgId, last)).report.s5).toBe(example.s5);
});

it('starts again when what was pasted is no report, and keeps nothing when cancelled', async () => {
  const { p, orgId } = await official('取消镇');
  await p.say('/import');
  expect((await p.last('读取')).text).toContain('还没有收到报告内容');
  await p.say('今天开了三次会。');
  expect((await p.last('读取')).text).toContain('没有从收到的内容里读出报告');
  await p.say(pingtan);
  expect((await p.last('读取')).text).toContain('读取到：平潭综合实验区');
  expect((await p.press('取消')).at(-1)!.text).toContain('已取消导入，什么也没有保存');
  expect(await stored(orgId, last)).toBeNull();
  // Back to normal: a text is not collected any more.
  expect((await p.last('读取')).text).not.toContain('读取到');
});
