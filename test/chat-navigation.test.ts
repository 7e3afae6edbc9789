// Moving around a draft by chat: back, skip, edit a section, cancel and resume, wrong answers.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { county, getReport, invite } from './helpers/admin';
import { installFakeTelegram, Person } from './helpers/telegram';
import { NUMBER_COPY } from '../src/engine/copy';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 9000;

async function start() {
  const { ids } = await county(['走动镇']);
  const orgId = ids['走动镇']!;
  const official = new Person(++nextUser, fake);
  await official.say(`/start ${await invite(orgId)}`);
  await official.say('/fill 2025');
  return { official, orgId };
}

describe('navigating a draft by chat', () => {
  it('goes back, skips, and keeps what was typed', async () => {
    const { official, orgId } = await start();
    let m = await official.last('/skip');
    expect(m.text).toContain('（二）依申请公开');
    m = await official.last('上一步', { press: true });
    expect(m.text).toContain('（一）主动公开');
    const [first] = await official.say('/back');
    expect(first!.text).toBe('已经是第一项了。');
    await official.say('主动公开了 6 条信息');
    m = await official.last('下一项', { press: true });
    expect(m.text).toContain('（二）依申请公开');
    m = await official.last('上一步', { press: true });
    expect(m.text).toContain('当前内容：\n主动公开了 6 条信息');
    await official.say('另有公示 3 条');
    expect((await getReport(orgId, 2025)).report.s1.proactive).toBe('主动公开了 6 条信息\n另有公示 3 条');
    const [cleared] = await official.say('清空重写', { press: true });
    expect(cleared!.text).toBe('已清空，请重新填写。');
    expect((await getReport(orgId, 2025)).report.s1.proactive).toBe('');
  });

  it('refuses what is not a number, with the same question, and stores nothing', async () => {
    const { official, orgId } = await start();
    await official.say('/edit 二');
    const before = (await getReport(orgId, 2025)).version;
    const [why, again] = await official.say('好多');
    expect(why!.text).toBe(NUMBER_COPY.countNotNumber('好多'));
    expect(again!.text).toContain('行政规范性文件：本年制发件数');
    expect((await getReport(orgId, 2025)).version).toBe(before);
    const [neg] = await official.say('-2');
    expect(neg!.text).toBe(NUMBER_COPY.negative);
    let m = await official.last('十二');
    expect(m.text).toContain('本年废止件数');
    m = await official.last('/back');
    expect(m.text).toContain('当前填的是 12');
  });

  it('jumps to a section by /edit, by button, and by the section menu', async () => {
    const { official } = await start();
    let m = await official.last('/edit 四');
    expect(m.text).toContain('【四、政府信息公开行政复议、行政诉讼情况】');
    m = await official.last('/edit');
    expect(m.text).toBe('要修改哪一部分？');
    expect(m.buttons.map((b) => b.data)).toEqual([
      '/edit 一',
      '/edit 二',
      '/edit 三',
      '/edit 四',
      '/edit 五',
      '/edit 六',
    ]);
    m = await official.last('/edit 六', { press: true });
    expect(m.text).toContain('【六、其他需要报告的事项】');
    m = await official.last('修改 3');
    expect(m.text).toContain('本年是否收到政府信息公开申请');
  });

  it('resumes after a break where the official left off', async () => {
    const { official } = await start();
    await official.say('/edit 二');
    await official.say('1');
    let m = await official.last('/cancel');
    expect(m.text).toContain('已暂停填写，草稿已保存');
    m = await official.last('随便说点什么');
    expect(m.text).toContain('可用的命令');
    const all = await official.say('/fill 2025');
    expect(all[0]!.text).toContain('继续填写');
    expect(all.at(-1)!.text).toContain('本年废止件数');
  });

  it('changing an answer that gates a table asks the new questions', async () => {
    const { official, orgId } = await start();
    await official.say('/edit 三');
    await official.press('否');
    let report = (await getReport(orgId, 2025)).report;
    expect(report.s3.granted).toEqual([0, 0, 0, 0, 0, 0, 0]);
    await official.say('/edit 三');
    let m = await official.last('是', { press: true });
    expect(m.text).toContain('申请人有哪些类型');
    const [wrong] = await official.say('9');
    expect(wrong!.text).toBe('请回复 1 到 6 之间的编号，多个用逗号隔开，如 1,3。');
    m = await official.last('自然人');
    expect(m.text).toContain('办理结果有哪些');
    m = await official.last('1');
    expect(m.text).toContain('本年新收的申请有多少件');
    await official.say('2');
    await official.say('0');
    m = await official.last('2');
    expect(m.text).toContain('推算为 0 件');
    report = (await getReport(orgId, 2025)).report;
    expect(report.s3.granted[0]).toBe(2);
    expect(report.s3.new).toEqual([2, 0, 0, 0, 0, 0, 2]);
  });

  it('will not submit with unanswered figures, and says how many', async () => {
    const { official } = await start();
    const [refused, prompt] = await official.say('/submit');
    expect(refused!.text).toMatch(/还有 \d+ 项数字没有填写，暂时不能提交/);
    expect(prompt!.text).toContain('行政规范性文件：本年制发件数');
  });
});
