// What one person can put into a report has the format's bounds, in chat as on the form; a report
// stored before a bound existed is still shown; and an answer given in chat and on the form to the
// same question at the same moment is never acknowledged on one side and silently overwritten.
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { getCell, MAX_TEXT } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';
import { FLOW_COPY } from '../src/engine/copy';
import { CHAT_COPY } from '../src/chat/copy';
import worker from '../src/index';
import { WEB_COPY } from '../src/web/copy';
import { county, getReport, invite } from './helpers/admin';
import { installFakeTelegram, Person, SECRET, sentTo, textUpdate } from './helpers/telegram';
import { call, drainOutbox, ORIGIN, postJson } from './worker';

let fake: ReturnType<typeof installFakeTelegram>;
beforeEach(() => {
  fake = installFakeTelegram();
});
afterEach(() => fake.restore());

let nextUser = 960_000;

async function official(town: string) {
  const { ids, countyId } = await county([town]);
  const orgId = ids[town]!;
  const person = new Person(++nextUser, fake);
  await person.say(`/start ${await invite(orgId)}`);
  return { person, orgId, countyId };
}

/** The signed form link a person gets with /link. */
async function formPath(person: Person): Promise<string> {
  const [m] = await person.say('/link');
  return m!.text.match(/https:\/\/nianbao\.example(\/f\/[A-Za-z0-9_.-]+)/)![1]!;
}

describe('texts in chat', () => {
  it('stop at the format’s limit: the part past it is refused whole, with the reason, and nothing half-stored', async () => {
    const { person, orgId } = await official('长文镇');
    await person.say('/fill 2025');
    const chunk = '公开'.repeat(3000); // 6,000 characters
    for (let i = 1; i <= 3; i++) expect((await person.last(chunk)).text).toContain('已记下');
    const refused = (await person.say(chunk)).map((m) => m.text).join('\n');
    expect(refused).toContain(FLOW_COPY.textTooLong(MAX_TEXT, 4 * 6000 + 3));
    const stored = (await getReport(orgId, 2025)).report.s1.proactive;
    expect(stored.length).toBe(3 * 6000 + 2);
    expect(stored.length).toBeLessThanOrEqual(MAX_TEXT);
  });
});

describe('a report stored before today’s bounds', () => {
  it('is still shown by its link, on the dashboard and in the roll-up, which names it', async () => {
    const { person, orgId, countyId } = await official('旧档镇');
    const supervisor = new Person(++nextUser, fake);
    await supervisor.say(`/start ${await invite(countyId, 'supervisor')}`);
    // A submitted version whose text is past today's limit (as one stored by an older release).
    const long = '旧'.repeat(MAX_TEXT + 3943);
    await person.say('/fill 2025');
    await person.say('第一部分');
    const report = await env.DB.prepare('SELECT id, version, answers FROM reports WHERE org_id = ?1')
      .bind(orgId)
      .first<{ id: number; version: number; answers: string }>();
    const current = (await getReport(orgId, 2025)).report;
    const snapshot = { ...current, s1: { ...current.s1, proactive: long } };
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO revisions (report_id, version, action, person_id, channel, changes, comment, snapshot, at)
         VALUES (?1, ?2, 'submit', NULL, 'admin', '{}', '', ?3, ?4)`,
      ).bind(report!.id, report!.version + 1, JSON.stringify(snapshot), new Date().toISOString()),
      env.DB.prepare(
        // Written before compact rows of figures were kept (migration 0006): none.
        `UPDATE reports SET status = 'submitted', version = version + 1, submitted_at = ?2,
           figures = NULL, figures_version = NULL WHERE id = ?1`,
      ).bind(report!.id, new Date().toISOString()),
    ]);
    const [r] = await person.say('/fill 2025');
    const link = r!.text.match(/https:\/\/nianbao\.example(\/r\/[A-Za-z0-9_.-]+)/)![1]!;
    const page = await call(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain(WEB_COPY.reportIrregular(1));
    expect(html).toContain('旧旧旧旧');
    const word = await call(`${link}?format=docx`);
    expect(word.status).toBe(200);

    const [d] = await supervisor.say('/dashboard');
    const dash = d!.text.match(/https:\/\/nianbao\.example(\/d\/[A-Za-z0-9_.-]+)/)![1]!;
    expect((await call(`${dash}/body/${orgId}/report?year=2025`)).status).toBe(200);
    const rollup = await (await call(`${dash}/rollup?year=2025&format=text`)).text();
    expect(rollup).toContain('已按提交时的原样计入');
    expect(rollup).toContain('旧档镇');
  });
});

describe('one question answered in chat and on the form at the same moment', () => {
  /** The question the person is on: the cell its buttons belong to. */
  const current = (p: Person) =>
    p.recent.flatMap((m) => m.buttons).find((b) => b.step?.startsWith('s2.'))!.step!;

  it('the form saves first: the chat’s answer is not stored over it, and the person is told', async () => {
    const { person, orgId } = await official('并答镇');
    await person.say('/fill 2025');
    await person.say('/edit 二');
    const path = current(person);
    const form = await formPath(person);
    // The form's save lands between the chat's read and its write.
    let formAnswer: { conflicts: { path: string }[] } | undefined;
    const db = new Proxy(env.DB, {
      get(target, prop) {
        if (prop === 'batch')
          return async (statements: D1PreparedStatement[]) => {
            if (!formAnswer) {
              const res = await postJson(`${form}/save`, { edits: { [path]: [null, 7] } });
              expect(res.status).toBe(200);
              formAnswer = (await res.json()) as typeof formAnswer;
            }
            return target.batch(statements);
          };
        const value = Reflect.get(target, prop);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request(`${ORIGIN}/hooks/telegram`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
        body: JSON.stringify(textUpdate(person.userId, '3')),
      }),
      { ...env, DB: db },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    await drainOutbox();
    expect(formAnswer!.conflicts).toEqual([]);
    const said = [((await res.json()) as { text?: string }).text ?? '', ...sentTo(fake, person.userId)].join(
      '\n',
    );
    expect(said).toContain(CHAT_COPY.changedMeanwhile('7'));
    expect(getCell((await getReport(orgId, 2025)).report, F.cellByPath.get(path)!)).toBe(7);
  });

  it('the chat saves first: the form’s save is a conflict, shown with both values', async () => {
    const { person, orgId } = await official('先答镇');
    await person.say('/fill 2025');
    await person.say('/edit 二');
    const path = current(person);
    const form = await formPath(person);
    await person.say('3');
    const res = await postJson(`${form}/save`, { edits: { [path]: [null, 7] } });
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { conflicts: { path: string; mine: unknown; theirs: unknown }[] };
    expect(answer.conflicts).toEqual([{ path, mine: 7, theirs: 3 }]);
    expect(getCell((await getReport(orgId, 2025)).report, F.cellByPath.get(path)!)).toBe(3);
  });
});
