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
  // Last year's report of 白营镇 (the published example, as 2024), so carry-over and the
  // year-over-year warnings have something to compare with.
  const example = JSON.parse(
    readFileSync(path.join(root, 'test', 'fixtures', 'baiying-2023.report.json'), 'utf8'),
  );
  const year = new Date(Date.now() + 8 * 3600_000).getUTCFullYear() - 1;
  const lastYear = { ...example, org: { name: '白营镇', kind: 'township' }, year: year - 1 };
  await fetch(`${base}/api/admin/reports/${towns['白营镇']}/${year - 1}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify(lastYear),
  });

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
Demo county 示范县 is loaded (townships 白营镇, 城关镇, 五陵镇; 白营镇 has a ${year - 1} report).
Fresh invite codes (single use, 30 days):
  supervisor of 示范县:  /start ${codes.supervisor}
  official of 白营镇:     /start ${codes['白营镇']}
  official of 城关镇:     /start ${codes['城关镇']}
  official of 五陵镇:     /start ${codes['五陵镇']}
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
