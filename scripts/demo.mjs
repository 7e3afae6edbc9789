// Loads a demo county into a locally running Worker through its admin API (idempotent: bodies
// that exist are reused), then prints fresh invite codes and the URLs to try.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { root } from './env.mjs';

function devVars() {
  const vars = {};
  for (const line of readFileSync(path.join(root, '.dev.vars'), 'utf8').split('\n')) {
    const m = line.match(/^\s*([A-Z_]+)\s*=\s*(.*)\s*$/);
    if (m) vars[m[1]] = m[2];
  }
  return vars;
}

/** The report year being filled now (China time): the year itself from November, else the last one. */
function fillYear(now) {
  const china = new Date(now.getTime() + 8 * 3600_000);
  return china.getUTCMonth() >= 10 ? china.getUTCFullYear() : china.getUTCFullYear() - 1;
}

/**
 * A plausible township report whose figures follow from `seed`: applications from people and
 * companies, their outcomes, a review case now and then; every row and column adds up (rules 1–4).
 */
function demoReport(example, org, year, seed) {
  const r = structuredClone(example);
  r.org = org;
  r.year = year;
  const row = (natural, commercial) => [natural, commercial, 0, 0, 0, 0, natural + commercial];
  for (const id of Object.keys(r.s3)) r.s3[id] = row(0, 0);
  const people = 4 + (seed % 9);
  const firms = seed % 3;
  const carried = seed % 2;
  const withheld = seed % 4 === 0 ? 1 : 0;
  const forward = seed % 5 === 0 ? 1 : 0;
  r.s3.new = row(people, firms);
  r.s3.carriedOver = row(carried, 0);
  const decided = people + carried - forward;
  r.s3.partial = row(1, 0);
  r.s3.withheld4 = row(withheld, 0);
  r.s3.notProcessed2 = row(seed % 3 === 0 ? 1 : 0, 0);
  const rest = decided - 1 - withheld - (seed % 3 === 0 ? 1 : 0);
  r.s3.granted = row(rest, firms);
  r.s3.total = row(decided, firms);
  r.s3.carryForward = row(forward, 0);
  const corrected = seed % 4 === 1 ? 1 : 0;
  r.s4.review = { upheld: 1, corrected, other: 0, pending: 0, total: 1 + corrected };
  r.s2.normativeDocs = { issued: seed % 4, repealed: 0, inForce: 10 + seed };
  r.s2.licensing = 20 + seed * 3;
  r.s2.penalties = seed % 6;
  return r;
}

export async function loadDemo(base) {
  const { ADMIN_TOKEN } = devVars();
  const headers = { 'Content-Type': 'application/json', Authorization: `Bearer ${ADMIN_TOKEN}` };
  const post = async (p, body) => {
    const res = await fetch(base + p, { method: 'POST', headers, body: JSON.stringify(body) });
    const json = await res.json();
    if (res.status !== 201 && res.status !== 409)
      throw new Error(`${p}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const county = await post('/api/admin/orgs', { name: '示范县', kind: 'county' });
  const towns = {};
  for (const name of ['白营镇', '城关镇', '五陵镇']) {
    towns[name] = (await post('/api/admin/orgs', { name, kind: 'township', parentId: county.id })).id;
  }
  // Three years of submitted reports for every township, so the data view has lines and bars on
  // first run: the years before the one being filled (`year`). 白营镇's last year is the published
  // example, so carry-over and the year-over-year warnings have something to compare with.
  const year = fillYear(new Date());
  const put = (orgId, y, report) =>
    fetch(`${base}/api/admin/reports/${orgId}/${y}`, {
      method: 'PUT',
      headers,
      body: JSON.stringify(report),
    });
  const example = JSON.parse(
    readFileSync(path.join(root, 'test', 'fixtures', 'baiying-2023.report.json'), 'utf8'),
  );
  for (const [i, [name, id]] of Object.entries(towns).entries()) {
    for (const back of [3, 2, 1]) {
      const y = year - back;
      const report =
        name === '白营镇' && back === 1
          ? { ...example, org: { name, kind: 'township' }, year: y }
          : demoReport(example, { name, kind: 'township' }, y, i * 7 + back * 3);
      await put(id, y, report);
    }
  }

  const codes = {
    supervisor: (await post('/api/admin/invites', { orgId: county.id, role: 'supervisor' })).code,
  };
  for (const [name, id] of Object.entries(towns))
    codes[name] = (await post('/api/admin/invites', { orgId: id, role: 'official' })).code;
  return { codes, year };
}

export async function printDemo(base) {
  const example = path.join('test', 'fixtures', 'baiying-2023.report.json');
  let demo = '';
  try {
    const { codes, year } = await loadDemo(base);
    demo = `
Demo county 示范县 is loaded (townships 白营镇, 城关镇, 五陵镇, each with reports for ${year - 3}–${year - 1}).
Fresh invite codes (single use, 30 days):
  supervisor of 示范县:  /start ${codes.supervisor}
  official of 白营镇:     /start ${codes['白营镇']}
  official of 城关镇:     /start ${codes['城关镇']}
  official of 五陵镇:     /start ${codes['五陵镇']}
The supervisor's dashboard (/dashboard in chat) has 「数据统计」: choose ${year - 1} for the charts.
`;
  } catch (err) {
    demo = `\n(Could not load the demo county: ${err.message})\n`;
  }
  console.log(`
nianbao is running at ${base}
${demo}
  Local chat page:   ${base}/dev/chat   (talks to the bot as Telegram, WeCom, DingTalk or Feishu
                     would; change the user to act as another person, e.g. the supervisor, who
                     can send /dashboard for the web dashboard)
  Health:            ${base}/healthz
  Check a report:    curl -s -X POST ${base}/api/check -H 'Content-Type: application/json' --data @${example}
  Compile (text):    curl -s -X POST '${base}/api/compile?format=text' -H 'Content-Type: application/json' --data @${example}

Press Ctrl+C to stop.
`);
}
