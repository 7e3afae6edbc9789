// Every endpoint fuzzed with hostile and malformed requests, through the Worker with real D1: random
// bytes, broken JSON, broken multipart, wrong content types, unicode edge cases, huge headers and
// bodies within (and past) the limits, XML character references for WeCom, with invalid and with
// valid signatures and signed links. Whatever comes in: never a 5xx, every refusal says why in
// Chinese, and a refused request changes nothing in D1. Bounded and seeded (test/fast-check.setup.ts).
import { createExecutionContext, env, waitOnExecutionContext } from 'cloudflare:test';
import fc from 'fast-check';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN, county, invite, putReport } from './helpers/admin';
import { unzip } from './helpers/unzip';
import {
  dingRequest,
  installFakePlatforms,
  larkRequest,
  larkText,
  WECOM,
  type Fake,
} from './helpers/platforms';
import { Person, SECRET } from './helpers/telegram';
import worker from '../src/index';
import { ORIGIN, send } from './worker';
import { emptyReport, type Report } from '../forms/model';
import { FORM_2021 as F } from '../forms/report-2021';
import { wxEncrypt, wxKeyBytes, wxSignature } from '../src/chat/crypto/wxcrypt';
import { fillTotals } from '../src/engine/compute';
import { signLink } from '../src/services/links';
import { personByInvite } from './helpers/official';

let fake: Fake;
beforeAll(() => {
  fake = installFakePlatforms();
});
afterAll(() => fake.restore());

// ---------------------------------------------------------------------------------------------
// What every answer must be, and what a refused request must leave alone.

/** 1 in `npm test`; raise it (with FC_SEED set to other seeds) to search longer by hand. */
const SCALE = 1;
/**
 * Each property runs its cases, or as many as fit in its time (seeded: the same cases, in the same
 * order), so the whole file stays within about a minute however busy the machine is.
 */
const budget = (numRuns: number, seconds: number) => ({
  numRuns: numRuns * SCALE,
  interruptAfterTimeLimit: seconds * 1000 * SCALE,
  markInterruptAsFailure: false,
});
/** A test's own limit: its budget, and time for the case in flight and for reporting a failure. */
const TIMEOUT = 45_000 * SCALE;

const CHINESE = /[\u3400-\u9fff]/;
/** What no XML document (a .docx) may hold: controls, U+FFFE/U+FFFF, half a surrogate pair. */
const UNSHOWABLE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** One row of figures over every table a request may write: equal before and after a refusal. */
const FINGERPRINT = `SELECT json_array(
  (SELECT count(*) FROM orgs), (SELECT total(length(full_name)) + total(reminders_off) FROM orgs),
  (SELECT count(*) FROM people), (SELECT count(*) FROM identities),
  (SELECT count(*) FROM invites), (SELECT count(used_at) FROM invites),
  (SELECT count(*) FROM reports), (SELECT total(version) FROM reports),
  (SELECT total(length(answers)) FROM reports), (SELECT count(*) FROM revisions),
  (SELECT count(*) FROM chat_sessions), (SELECT total(version) FROM chat_sessions),
  (SELECT count(*) FROM inbound_events), (SELECT count(*) FROM outbox),
  (SELECT count(*) FROM reminders_sent), (SELECT count(*) FROM request_nonces)
) AS f`;

const fingerprint = async () => (await env.DB.prepare(FINGERPRINT).first<{ f: string }>())!.f;

/** The fingerprint after the last probe: the next one's "before", unless something else ran since. */
let known: string | undefined;
beforeEach(() => {
  known = undefined;
});

interface Req {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

const describeReq = (r: Req) =>
  `${r.method} ${r.path.slice(0, 200)} ${JSON.stringify(r.headers ?? {}).slice(0, 300)} body ${
    r.body === undefined
      ? '-'
      : typeof r.body === 'string'
        ? JSON.stringify(r.body.slice(0, 200))
        : `${r.body.length} bytes`
  }`;

let probes = 0;
afterAll(() => console.log(`fuzz: ${probes} requests`));

/** Sends a request and checks the answer: below 500; a refusal in Chinese that changed nothing. */
async function probe(r: Req): Promise<Response> {
  probes++;
  const before = known ?? (await fingerprint());
  const hasBody = r.body !== undefined && r.method !== 'GET' && r.method !== 'HEAD';
  // Straight into the Worker's fetch entry (as test/worker.ts's send does, without the loopback
  // that slows down with every request sent through it).
  const ctx = createExecutionContext();
  const res = await worker.fetch!(
    new Request(ORIGIN + r.path, {
      method: r.method,
      headers: r.headers,
      body: hasBody ? r.body : undefined,
    }),
    env,
    ctx,
  );
  const what = describeReq(r);
  const bytes = await res.arrayBuffer();
  const text = new TextDecoder().decode(bytes);
  await waitOnExecutionContext(ctx);
  expect(res.status, `${what} → ${res.status} ${text.slice(0, 300)}`).toBeLessThan(500);
  if (res.status >= 400) {
    if (r.method !== 'HEAD') {
      const type = res.headers.get('content-type') ?? '';
      if (type.includes('json')) {
        const error = (JSON.parse(text) as { error?: unknown }).error;
        expect(typeof error, `${what}: ${text.slice(0, 200)}`).toBe('string');
        expect(error as string, what).toMatch(CHINESE);
      } else {
        expect(type, `${what} → ${res.status}`).toContain('text/html');
        expect(text, what).toMatch(CHINESE);
      }
    }
  }
  known = await fingerprint();
  // A page posted without a script saves what it could read and shows the rest again (422):
  // the one answer in the 4xx range that is not a refusal.
  const partial = res.status === 422 && r.method === 'POST' && /^\/f\/[^/?]+$/.test(r.path);
  if (res.status >= 400 && !partial) expect(known, `${what} → ${res.status} wrote to D1`).toBe(before);
  return new Response(bytes.byteLength ? bytes : null, { status: res.status, headers: res.headers });
}

// ---------------------------------------------------------------------------------------------
// Hostile material.

const EDGE = [
  '\u0000',
  '\u0008',
  '\uFFFE',
  '\uFFFF',
  '\uD800',
  '\uDFFF',
  '\u202E',
  '\u2028',
  '\u00A0',
  '\u0301',
  '𠮷',
  '👨‍👩‍👧',
  '０１２',
  '一千二百',
  '\r\n',
  '%',
  '%00',
  '%ZZ',
  '&#99999999;',
  '&#x110000;',
  '&#xD800;',
  '&#0;',
  '&amp;',
  ']]>',
  '<![CDATA[',
  '</xml>',
  "'; DROP TABLE reports; --",
  '<script>alert(1)</script>',
  '=HYPERLINK("x")',
  '__proto__',
  'constructor',
  '${x}',
  '\\',
  '"',
  '1e309',
  '-0',
  'NaN',
  '-1',
  '9007199254740993',
  '/fill 2025',
  '/edit 三',
  '确认提交',
];

const edgeChar = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...EDGE) },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }).map((n) => String.fromCharCode(n)) },
);

/** Text with unicode edge cases: controls, noncharacters, lone surrogates, entities, injections. */
const hostileText = (maxLength = 40) => fc.array(edgeChar, { maxLength }).map((xs) => xs.join(''));

/** A header value a Request takes without complaint (printable ASCII). */
const headerValue = (maxLength = 60) =>
  fc.string({ unit: fc.integer({ min: 0x20, max: 0x7e }).map((n) => String.fromCharCode(n)), maxLength });

const malformedJson = fc.oneof(
  fc.json().chain((s) => fc.nat(s.length).map((n) => s.slice(0, n))),
  fc.json().map((s) => `${s},`),
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.constantFrom(
    '',
    '{',
    '}',
    'null',
    '[]',
    '"x"',
    '{"edits":',
    '{"edits":null}',
    '{"edits":[]}',
    '\uFEFF{}',
  ),
  fc.integer({ min: 100, max: 3000 }).map((n) => '['.repeat(n) + ']'.repeat(n)),
  fc.integer({ min: 100, max: 3000 }).map((n) => '{"a":'.repeat(n) + '1' + '}'.repeat(n)),
);

const BOUNDARY = 'fuzzBoundary';

/** multipart/form-data bodies, mostly broken, with their content type. */
const multipart = fc.oneof(
  // Well-formed, with hostile names and values.
  fc
    .array(
      fc.tuple(
        fc.oneof(
          hostileText(8),
          fc.constantFrom(
            'section',
            'go',
            'confirm',
            'comment',
            'off',
            'name',
            'fullName',
            'kind',
            's1.proactive',
            'flow.s3Columns',
            'was.flow.s3Columns',
            's2.licensing',
          ),
        ),
        hostileText(30),
      ),
      {
        maxLength: 6,
      },
    )
    .map((fields) => ({
      type: `multipart/form-data; boundary=${BOUNDARY}`,
      body:
        fields
          .map(([k, v]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`)
          .join('') + `--${BOUNDARY}--\r\n`,
    })),
  // Broken: no boundary, another boundary, unterminated, no part headers, garbage.
  fc.record({
    type: fc.constantFrom(
      'multipart/form-data',
      'multipart/form-data; boundary=',
      `multipart/form-data; boundary=${BOUNDARY}`,
      'multipart/form-data; boundary=other',
      'multipart/form-data; boundary="a b"',
      `multipart/form-data; boundary=${'x'.repeat(200)}`,
      'multipart/form-data; charset=utf-8',
    ),
    body: fc.oneof(
      hostileText(60),
      fc.constant(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="comment"\r\n\r\nabc`),
      fc.constant(`--${BOUNDARY}\r\n\r\nno headers\r\n--${BOUNDARY}--`),
      fc.constant(`--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nno name\r\n--${BOUNDARY}--`),
      fc.constant(`--${BOUNDARY}--`),
      fc.constant(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="f"; filename="a.txt"\r\nContent-Type: text/plain\r\n\r\n\u0000\u0001\r\n--${BOUNDARY}--\r\n`,
      ),
      hostileText(20).map((s) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${s}"\r\n\r\n${s}`),
    ),
  }),
);

const urlencoded = fc.oneof(
  fc
    .array(fc.tuple(hostileText(10), hostileText(30)), { maxLength: 8 })
    .map((pairs) => new URLSearchParams(pairs).toString()),
  hostileText(60),
  fc.constantFrom('%', '%%', '%E4%B8', 'a=%ZZ', '&&&==', '=', 'section=99999999999999999999&go=next'),
  fc.nat({ max: 2000 }).map((n) => 'flow.s3Columns=1&'.repeat(n)),
);

const CONTENT_TYPES = [
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=gbk',
  'text/xml',
  'application/xml',
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=utf-8',
  'text/plain',
  'application/octet-stream',
  'multipart/mixed',
  '',
];

/** A body with a content type that may or may not match it. */
const anyBody = fc.oneof(
  fc.record({ type: fc.constantFrom(...CONTENT_TYPES), body: fc.uint8Array({ maxLength: 2000 }) }),
  fc.record({ type: fc.constantFrom(...CONTENT_TYPES), body: hostileText(80) }),
  fc.record({ type: fc.constantFrom(...CONTENT_TYPES), body: malformedJson }),
  multipart,
  fc.record({ type: fc.constant('application/x-www-form-urlencoded'), body: urlencoded }),
  fc.record({ type: fc.oneof(fc.constantFrom(...CONTENT_TYPES), headerValue(40)), body: urlencoded }),
);

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];

const origin = fc.constantFrom<string | undefined>(ORIGIN, ORIGIN, undefined, 'https://evil.example', 'null');

/** Query strings that the routes read, with hostile values. */
const query = fc
  .array(
    fc.tuple(
      fc.constantFrom(
        'format',
        's',
        'year',
        'status',
        'sort',
        'q',
        'page',
        'reminded',
        'queued',
        'people',
        'bodies',
        'done',
        'n',
        'v',
        'msg_signature',
        'timestamp',
        'nonce',
        'echostr',
      ),
      fc.oneof(
        fc.constantFrom(
          'html',
          'text',
          'json',
          'docx',
          'csv',
          'review',
          '1',
          '7',
          '0',
          '-1',
          '2025',
          '1900',
          '99999',
          'submitted',
          'constructor',
          '__proto__',
          '1e999',
          '',
        ),
        hostileText(20),
      ),
    ),
    { maxLength: 4 },
  )
  .map((pairs) => (pairs.length ? `?${new URLSearchParams(pairs).toString()}` : ''));

const extraHeaders = fc.dictionary(
  fc.constantFrom(
    'X-Extra',
    'Cookie',
    'Sec-Fetch-Site',
    'Accept',
    'X-Forwarded-For',
    'CF-Connecting-IP',
    'Accept-Language',
    'X-Big',
  ),
  fc.oneof(
    headerValue(40),
    fc.integer({ min: 1000, max: 8000 }).map((n) => 'a'.repeat(n)),
  ),
  { maxKeys: 3 },
);

// ---------------------------------------------------------------------------------------------
// Fixtures: a county with a supervisor, an official with a draft, a submitted report.

let fx: {
  countyId: number;
  orgId: number;
  submittedOrgId: number;
  foreignOrgId: number;
  officialId: number;
  supervisorId: number;
  form: string[];
  dash: string;
  report: string;
  bad: string[];
  inviteCode: string;
};

function figures(name: string, year: number): Report {
  const r = emptyReport(F, { name, kind: 'township' }, year);
  for (const p of ['proactive', 'onRequest', 'management', 'platforms', 'oversight'] as const)
    r.s1[p] = `${name}${p}`;
  r.s2.licensing = 3;
  r.s5 = '问题';
  r.s6 = '本年度，本机关未收取信息处理费。';
  return fillTotals(F, r);
}

beforeAll(async () => {
  const c = await county(['模糊镇', '已交镇']);
  const other = await county(['外县镇']);
  const orgId = c.ids['模糊镇']!;
  const submittedOrgId = c.ids['已交镇']!;
  const officialId = await personByInvite(orgId, 'official');
  const supervisorId = await personByInvite(c.countyId, 'supervisor');
  expect((await putReport(submittedOrgId, 2025, figures(`已交镇${c.tag}`, 2025))).status).toBe(200);
  const rep = await env.DB.prepare('SELECT id, version FROM reports WHERE org_id = ?1 AND year = 2025')
    .bind(submittedOrgId)
    .first<{ id: number; version: number }>();
  const now = new Date();
  const form = await Promise.all(
    // Several years, so saves are not all held back by the per-link rate limit.
    [2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026].map((y) =>
      signLink(env.LINK_SECRET, { k: 'f', o: orgId, y, p: officialId }, 3600, now),
    ),
  );
  const dash = await signLink(env.LINK_SECRET, { k: 'd', p: supervisorId }, 3600, now);
  const report = await signLink(env.LINK_SECRET, { k: 'r', r: rep!.id, v: rep!.version }, 3600, now);
  const [payload, sig] = form[1]!.split('.');
  const bad = [
    'garbage',
    '',
    'a.b.c',
    `${payload}x.${sig}`,
    `${payload}.${sig}x`,
    await signLink(env.LINK_SECRET, { k: 'f', o: orgId, y: 2025, p: officialId }, -10, now),
    await signLink(env.LINK_SECRET, { k: 'd', p: officialId }, 3600, now),
    await signLink(env.LINK_SECRET, { k: 'f', o: other.ids['外县镇']!, y: 2025, p: officialId }, 3600, now),
    await signLink('another-secret', { k: 'd', p: supervisorId }, 3600, now),
    '%E4%B8%AD.%00',
    'x'.repeat(3000),
  ];
  // Open the drafts once, so a refused request is measured against a draft that exists.
  for (const t of form) expect((await send(`/f/${t}`)).status).toBe(200);
  fx = {
    countyId: c.countyId,
    orgId,
    submittedOrgId,
    foreignOrgId: other.ids['外县镇']!,
    officialId,
    supervisorId,
    form,
    dash,
    report,
    bad,
    inviteCode: await invite(orgId),
  };
});

// ---------------------------------------------------------------------------------------------

const PATHS = [
  '/healthz',
  '/favicon.ico',
  '/static/form.js',
  '/static/nothing.js',
  '/f/T',
  '/f/T/save',
  '/f/T/submit',
  '/f/T/other',
  '/r/T',
  '/d/T',
  '/d/T/body/O',
  '/d/T/body/O/report',
  '/d/T/body/O/return',
  '/d/T/body/O/reminders',
  '/d/T/body/O/name',
  '/d/T/orgs',
  '/d/T/remind',
  '/d/T/rollup',
  '/d/T/export.csv',
  '/i/C',
  '/invite',
  '/hooks/P',
  '/api/check',
  '/api/compile',
  '/api/import',
  '/api/other',
  '/api/admin/orgs',
  '/api/admin/orgs/O',
  '/api/admin/invites',
  '/api/admin/reports/O/Y',
  '/dev/chat',
  '/dev/simulate/P',
  '/dev/P/x',
  '/nothing',
];

describe('every route, fuzzed', () => {
  it(
    'never answers 5xx, refuses in Chinese and writes nothing when it refuses',
    async () => {
      const token = () =>
        fc
          .constantFrom(...fx.form, fx.dash, fx.report, ...fx.bad)
          .map((t) => encodeURIComponent(t).replace(/%2E/gi, '.'));
      const org = fc.constantFrom(
        String(fx.orgId),
        String(fx.submittedOrgId),
        String(fx.foreignOrgId),
        String(fx.countyId),
        '0',
        '-1',
        '1e20',
        'abc',
        '1.5',
        '%20',
        '99999999999999999999',
      );
      const arb = fc.record({
        template: fc.constantFrom(...PATHS),
        token: token(),
        org,
        year: fc.constantFrom('2025', '2024', '1900', '3000', 'x', '2025.5'),
        code: fc.constantFrom(fx.inviteCode, 'NOPE', '', '%00', 'ab'.repeat(100)),
        platform: fc.constantFrom(
          'telegram',
          'wecom',
          'dingtalk',
          'feishu',
          'slack',
          '__proto__',
          'constructor',
        ),
        query,
        method: fc.constantFrom(...METHODS, 'POST', 'POST', 'GET'),
        body: anyBody,
        origin,
        admin: fc.constantFrom<Record<string, string>>(
          {},
          ADMIN,
          { Authorization: 'Bearer wrong' },
          { Authorization: 'Basic x' },
        ),
        extra: extraHeaders,
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const path =
            x.template
              .replace('/T', `/${x.token}`)
              .replace('/O', `/${x.org}`)
              .replace('/Y', `/${x.year}`)
              .replace('/C', `/${x.code}`)
              .replace('/P', `/${x.platform}`) + x.query;
          const headers: Record<string, string> = { ...x.extra, ...x.admin };
          if (x.body.type) headers['Content-Type'] = x.body.type;
          if (x.origin) headers.Origin = x.origin;
          await probe({ method: x.method, path, headers, body: x.body.body });
        }),
        budget(900, 10),
      );
    },
    TIMEOUT,
  );
});

describe('the form with a valid link, fuzzed', () => {
  const cellPaths = F.entered.map((c) => c.path);
  /** A value of the right kind for a path (the way a page would send it), or something else. */
  const plausible = (path: string): fc.Arbitrary<unknown> => {
    if (F.textPaths.includes(path)) return fc.oneof(fc.constant(null), hostileText(200));
    if (path === 'flow.s3Any' || path === 'flow.s4Any') return fc.option(fc.boolean());
    if (path === 'flow.s3Columns')
      return fc.option(fc.uniqueArray(fc.integer({ min: 0, max: 5 }), { maxLength: 6 }));
    if (path === 'flow.s3Rows')
      return fc.option(
        fc.uniqueArray(fc.constantFrom(...F.s3Index.results.map((r) => r.id)), { maxLength: 4 }),
      );
    if (path === 'flow.s4Groups')
      return fc.option(fc.uniqueArray(fc.constantFrom(...F.s4.groups.map((g) => g.id)), { maxLength: 4 }));
    return fc.oneof(
      fc.constant(null),
      fc.nat({ max: 1000 }),
      fc.double({ min: 0, max: 1e8, noNaN: true }),
      fc.constant(1e8 + 1),
    );
  };
  const flowPaths = ['flow.s3Any', 'flow.s4Any', 'flow.s3Columns', 'flow.s3Rows', 'flow.s4Groups'];
  const plausibleEdits = fc
    .uniqueArray(fc.constantFrom(...F.textPaths, ...flowPaths, ...cellPaths), { maxLength: 12 })
    .chain((paths) => fc.tuple(...paths.map((p) => fc.tuple(fc.constant(p), plausible(p), plausible(p)))))
    .map((entries) => Object.fromEntries(entries.map(([p, base, mine]) => [p, [base, mine]])));
  const hostileEdits = fc.dictionary(
    fc.oneof(
      fc.constantFrom(...F.textPaths, ...flowPaths, 's3.total[0]', '__proto__', 'constructor', ''),
      hostileText(10),
    ),
    fc.oneof(
      fc.tuple(fc.jsonValue(), fc.jsonValue()),
      fc.jsonValue(),
      fc.tuple(
        fc.array(fc.oneof(fc.integer({ min: -2, max: 8 }), hostileText(3)), { maxLength: 8 }),
        fc.constant(null),
      ),
    ),
    { maxKeys: 6 },
  );
  /** A section posted without a script: real field names, their bases, and what a person types. */
  const plainPost = fc
    .record({
      section: fc.constantFrom('1', '2', '3', '4', '5', '6', '7', '0', '-1', 'x'),
      go: fc.constantFrom('next', 'prev', 'zero', 'stay', ''),
      fields: fc.uniqueArray(
        fc.constantFrom(...F.textPaths, ...cellPaths.slice(0, 40), 'flow.s3Any', 'flow.s4Any'),
        { maxLength: 10 },
      ),
      typed: fc.array(
        fc.oneof(hostileText(20), fc.constantFrom('12', '5000元', '一百', '1e9', '-3', '3.5', '', ' ')),
        { minLength: 10, maxLength: 10 },
      ),
      columns: fc.option(fc.array(fc.constantFrom('0', '1', '5', '6', '1,2', 'x'), { maxLength: 4 })),
    })
    .map((x) => {
      const body = new URLSearchParams({ section: x.section, go: x.go });
      x.fields.forEach((f, i) => {
        body.append(f, x.typed[i]!);
        if (i % 2 === 0) body.append(`was.${f}`, x.typed[(i + 1) % 10]!);
      });
      if (x.columns) {
        for (const c of x.columns) body.append('flow.s3Columns', c);
        body.append('was.flow.s3Columns', '');
      }
      return body.toString();
    });

  it(
    'takes any post to /f/<token>, /save and /submit without a 5xx',
    async () => {
      const arb = fc.record({
        token: fc.constantFrom(...fx.form),
        route: fc.constantFrom('', '/save', '/save', '/submit'),
        body: fc.oneof(
          {
            weight: 3,
            arbitrary: fc.record({
              type: fc.constant('application/json'),
              body: plausibleEdits.map((edits) => JSON.stringify({ edits })),
            }),
          },
          {
            weight: 2,
            arbitrary: fc.record({ type: fc.constant('application/x-www-form-urlencoded'), body: plainPost }),
          },
          fc.record({
            type: fc.constantFrom('application/json', 'text/plain', ''),
            body: hostileEdits.map((edits) => JSON.stringify({ edits })),
          }),
          fc.record({ type: fc.constantFrom('application/json', 'text/plain'), body: malformedJson }),
          multipart,
          fc.record({ type: fc.constant('application/x-www-form-urlencoded'), body: urlencoded }),
          fc.record({ type: fc.constantFrom(...CONTENT_TYPES), body: fc.uint8Array({ maxLength: 1000 }) }),
        ),
        origin: fc.constantFrom<string | undefined>(
          ORIGIN,
          ORIGIN,
          ORIGIN,
          undefined,
          'https://evil.example',
        ),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const headers: Record<string, string> = {};
          if (x.body.type) headers['Content-Type'] = x.body.type;
          if (x.origin) headers.Origin = x.origin;
          await probe({ method: 'POST', path: `/f/${x.token}${x.route}`, headers, body: x.body.body });
        }),
        budget(600, 8),
      );
    },
    TIMEOUT,
  );
});

describe('pages behind valid links, fuzzed', () => {
  it(
    'the form, the report and the dashboard open with any query without a 5xx',
    async () => {
      const orgs = [fx.orgId, fx.submittedOrgId, fx.foreignOrgId, fx.countyId];
      const arb = fc.record({
        path: fc.oneof(
          fc.constantFrom(...fx.form).map((t) => `/f/${t}`),
          fc.constant(`/r/${fx.report}`),
          fc.constantFrom('', '/rollup', '/export.csv').map((r) => `/d/${fx.dash}${r}`),
          fc
            .constantFrom(...orgs)
            .chain((o) => fc.constantFrom('', '/report').map((r) => `/d/${fx.dash}/body/${o}${r}`)),
        ),
        query,
        method: fc.constantFrom('GET', 'GET', 'HEAD'),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          await probe({ method: x.method, path: `${x.path}${x.query}` });
        }),
        budget(250, 4),
      );
    },
    TIMEOUT,
  );
});

describe('the dashboard with a valid link, fuzzed', () => {
  it(
    'takes any post to its forms without a 5xx',
    async () => {
      const arb = fc.record({
        route: fc.constantFrom(
          '/body/O/return',
          '/body/O/reminders',
          '/body/O/name',
          '/orgs',
          '/remind',
          '/body/O',
          '/rollup',
        ),
        org: fc.constantFrom(fx.orgId, fx.submittedOrgId, fx.foreignOrgId),
        body: fc.oneof(
          multipart,
          fc.record({ type: fc.constant('application/x-www-form-urlencoded'), body: urlencoded }),
          anyBody,
        ),
        origin,
        year: fc.constantFrom('', '?year=2025', '?year=abc'),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const headers: Record<string, string> = {};
          if (x.body.type) headers['Content-Type'] = x.body.type;
          if (x.origin) headers.Origin = x.origin;
          const path = `/d/${fx.dash}${x.route.replace('/O', `/${x.org}`)}${x.year}`;
          await probe({ method: 'POST', path, headers, body: x.body.body });
        }),
        budget(250, 4),
      );
    },
    TIMEOUT,
  );
});

describe('the JSON API, fuzzed', () => {
  it(
    'checks and compiles reports mutated at random without a 5xx',
    async () => {
      const base = figures('接口镇', 2025);
      const mutated = fc
        .record({
          path: fc.constantFrom(
            'formVersion',
            'org',
            'org.name',
            'org.kind',
            'year',
            's1',
            's1.proactive',
            's2',
            's2.licensing',
            's2.fees',
            's3',
            's3.new',
            's4',
            's4.review',
            's5',
            's6',
            'extra',
          ),
          value: fc.oneof(
            hostileText(30),
            fc.jsonValue(),
            fc.double(),
            fc.constant(undefined),
            fc.array(fc.integer(), { maxLength: 12 }),
          ),
        })
        .map(({ path, value }) => {
          const report = structuredClone(base) as unknown as Record<string, unknown>;
          const keys = path.split('.');
          let node = report;
          for (const k of keys.slice(0, -1)) node = node[k] as Record<string, unknown>;
          node[keys.at(-1)!] = value;
          return JSON.stringify(report);
        });
      // A valid report whose every text and name is hostile: compiled, it holds nothing a document cannot.
      const hostileReport = fc
        .record({
          name: hostileText(30).map((n) => `镇${n}`.slice(0, 100)),
          texts: fc.array(hostileText(120), { minLength: F.textPaths.length, maxLength: F.textPaths.length }),
          figure: fc.nat({ max: 100_000_000 }),
        })
        .map(({ name, texts, figure }) => {
          const report = structuredClone(base) as unknown as Record<string, any>;
          report.org.name = name;
          F.textPaths.forEach((p, i) => {
            const [head, part] = p.split('.') as [string, string | undefined];
            if (part) report[head][part] = texts[i];
            else report[head] = texts[i];
          });
          report.s2.licensing = figure;
          return JSON.stringify(report);
        });
      const arb = fc.record({
        route: fc.constantFrom('/api/check', '/api/compile', '/api/compile'),
        format: fc.constantFrom(
          '',
          '?format=html',
          '?format=docx',
          '?format=docx',
          '?format=text',
          '?format=json',
          '?format=pdf',
        ),
        body: fc.oneof(
          hostileReport,
          mutated,
          malformedJson,
          mutated.map((r) => `{"report":${r},"previous":${r}}`),
        ),
        type: fc.constantFrom('application/json', 'application/json', 'text/plain', ''),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const res = await probe({
            method: 'POST',
            path: `${x.route}${x.format}`,
            headers: x.type ? { 'Content-Type': x.type } : {},
            body: x.body,
          });
          if (res.status !== 200 || x.route !== '/api/compile') return;
          if (x.format === '?format=docx') {
            for (const [name, xml] of await unzip(await res.arrayBuffer()))
              expect(xml, name).not.toMatch(UNSHOWABLE);
          } else if (x.format !== '?format=json') {
            expect(await res.text()).not.toMatch(UNSHOWABLE);
          }
        }),
        budget(150, 4),
      );
    },
    TIMEOUT,
  );

  it(
    'the admin API, with and without the token',
    async () => {
      const arb = fc.record({
        route: fc.constantFrom(
          'POST /api/admin/orgs',
          'PATCH /api/admin/orgs/O',
          'POST /api/admin/invites',
          'PUT /api/admin/reports/O/2025',
          'GET /api/admin/reports/O/2025',
        ),
        org: fc.constantFrom(String(fx.orgId), '0', 'x', '1e30'),
        body: fc.oneof(
          malformedJson,
          fc
            .record({
              name: hostileText(120),
              kind: fc.constantFrom('county', 'township', 'village', ''),
              parentId: fc.oneof(fc.constant(fx.countyId), fc.integer(), fc.constant(null)),
            })
            .map((v) => JSON.stringify(v)),
          fc.record({ fullName: hostileText(120) }).map((v) => JSON.stringify(v)),
          fc
            .record({
              orgId: fc.oneof(fc.constant(fx.orgId), fc.integer()),
              role: fc.constantFrom('official', 'supervisor', 'admin', ''),
            })
            .map((v) => JSON.stringify(v)),
        ),
        auth: fc.constantFrom<Record<string, string>>({}, ADMIN, {
          Authorization: 'Bearer test-admin-tokenX',
        }),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const [method, path] = x.route.replace('/O', `/${x.org}`).split(' ') as [string, string];
          await probe({
            method,
            path,
            headers: { 'Content-Type': 'application/json', ...x.auth },
            body: x.body,
          });
        }),
        budget(120, 2),
      );
    },
    TIMEOUT,
  );
});

// ---------------------------------------------------------------------------------------------
// Webhooks: unsigned garbage, and hostile content behind valid signatures.

describe('webhooks, fuzzed', () => {
  it(
    'Telegram: any update behind the right secret, and anything without it',
    async () => {
      const update = fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        malformedJson,
        fc
          .record({
            update_id: fc.oneof(
              fc.integer({ min: 1, max: 2 ** 40 }),
              fc.constant(-1),
              fc.double(),
              hostileText(5),
            ),
            message: fc.oneof(
              fc.record({
                message_id: fc.integer(),
                date: fc.integer(),
                from: fc.oneof(
                  fc.record({
                    id: fc.oneof(fc.integer({ min: 1, max: 2 ** 40 }), hostileText(10)),
                    first_name: hostileText(20),
                    is_bot: fc.boolean(),
                  }),
                  fc.jsonValue(),
                ),
                chat: fc.oneof(
                  fc.record({
                    id: fc.integer({ min: -(2 ** 40), max: 2 ** 40 }),
                    type: fc.constantFrom('private', 'group', 'supergroup', 'channel', 'x'),
                  }),
                  fc.jsonValue(),
                ),
                text: fc.oneof(hostileText(60), fc.jsonValue()),
              }),
              fc.jsonValue(),
            ),
            callback_query: fc.option(
              fc.record({
                id: fc.oneof(hostileText(8), fc.integer()),
                from: fc.record({ id: fc.integer({ min: 1, max: 2 ** 40 }) }),
                data: fc.oneof(hostileText(64), fc.jsonValue()),
              }),
            ),
          })
          .map((v) => JSON.stringify(v)),
      );
      const arb = fc.record({
        body: update,
        secret: fc.constantFrom<string | undefined>(SECRET, SECRET, SECRET, undefined, 'wrong', `${SECRET} `),
        type: fc.constantFrom('application/json', 'text/plain', ''),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const headers: Record<string, string> = {};
          if (x.type) headers['Content-Type'] = x.type;
          if (x.secret !== undefined) headers['X-Telegram-Bot-Api-Secret-Token'] = x.secret;
          await probe({ method: 'POST', path: '/hooks/telegram', headers, body: x.body });
        }),
        budget(150, 4),
      );
    },
    TIMEOUT,
  );

  it(
    'Telegram: a bound official and a supervisor type anything',
    async () => {
      const c = await county(['聊天镇']);
      const official = new Person(880_001, fake as never);
      const supervisor = new Person(880_002, fake as never);
      await official.say(`/start ${await invite(c.ids['聊天镇']!)}`);
      await supervisor.say(`/start ${await invite(c.countyId, 'supervisor')}`);
      await official.say('/fill 2025');
      known = undefined;
      const COMMANDS = [
        '',
        '/fill',
        '/edit',
        '/back',
        '/skip',
        '/review',
        '/submit',
        '/reopen',
        '/cancel',
        '/bind',
        '/link',
        '/status',
        '/missing',
        '/report',
        '/invite',
        '/addunit',
        '/remind',
        '/dashboard',
        '/start',
        '填报',
        '修改',
        '确认提交',
        '本节其余为0',
        '选好了',
        '下一步',
      ];
      const arb = fc.record({
        who: fc.constantFrom(official, supervisor),
        command: fc.constantFrom(...COMMANDS),
        arg: fc.oneof(
          hostileText(20),
          fc.constantFrom(
            '2025',
            '0',
            '99999',
            '三',
            '七',
            '白营镇',
            'official',
            'supervisor',
            '乡镇 全称',
            '1,3,99',
            '5000元',
            '1e9',
          ),
        ),
        press: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const text = `${x.command} ${x.arg}`.trim() || x.arg;
          const update = x.press
            ? {
                update_id: Math.floor(Math.random() * 2 ** 40),
                callback_query: {
                  id: 'q',
                  from: { id: x.who.userId },
                  message: { chat: { id: x.who.userId, type: 'private' } },
                  data: text.slice(0, 64),
                },
              }
            : {
                update_id: Math.floor(Math.random() * 2 ** 40),
                message: {
                  message_id: 1,
                  date: 1,
                  from: { id: x.who.userId, first_name: '测' },
                  chat: { id: x.who.userId, type: 'private' },
                  text,
                },
              };
          const res = await probe({
            method: 'POST',
            path: '/hooks/telegram',
            headers: { 'Content-Type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': SECRET },
            body: JSON.stringify(update),
          });
          expect(res.status).toBe(200);
        }),
        budget(150, 4),
      );
    },
    TIMEOUT,
  );

  it(
    'WeCom: envelopes with character references, valid and invalid signatures',
    async () => {
      const key = wxKeyBytes(WECOM.aesKey)!;
      const sign = (ts: string, nonce: string, encrypted: string) =>
        wxSignature(WECOM.token, ts, nonce, encrypted);
      const inner = fc.oneof(
        hostileText(60),
        fc
          .record({
            content: hostileText(40),
            id: fc.oneof(fc.nat().map(String), hostileText(8)),
            type: fc.constantFrom('text', 'event', 'image', ''),
            cdata: fc.boolean(),
          })
          .map(
            ({ content, id, type, cdata }) =>
              `<xml><ToUserName>${WECOM.corpId}</ToUserName><FromUserName>wxfuzz</FromUserName><CreateTime>1</CreateTime><MsgType>${type}</MsgType><Content>${cdata ? `<![CDATA[${content}]]>` : content}</Content><MsgId>${id}</MsgId><Event>template_card_event</Event><EventKey>${content}</EventKey></xml>`,
          ),
        fc.constantFrom(
          '<xml><FromUserName>&#99999999;</FromUserName><MsgType>text</MsgType><Content>&#x110000;&#xD800;&#0;</Content><MsgId>1</MsgId></xml>',
        ),
      );
      const arb = fc.record({
        how: fc.constantFrom('garbage', 'signedGarbage', 'signedCipher', 'entity'),
        text: hostileText(60),
        inner,
        corp: fc.constantFrom(WECOM.corpId, 'wrongcorp', ''),
        ts: fc.constantFrom(String(Math.floor(Date.now() / 1000)), '0', 'abc', '99999999999999'),
        get: fc.boolean(),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const nonce = '12345';
          let encrypt = x.text;
          if (x.how === 'signedCipher') encrypt = await wxEncrypt(key, x.inner, x.corp);
          if (x.how === 'entity') encrypt = `&#99999999;${x.text}&#x110000;`;
          const envelope =
            x.how === 'garbage'
              ? x.text
              : `<xml><ToUserName>${WECOM.corpId}</ToUserName><Encrypt>${encrypt}</Encrypt></xml>`;
          // What the signature covers: the Encrypt field as WeCom sends it (references unread).
          const signature = x.how === 'garbage' ? 'deadbeef' : await sign(x.ts, nonce, encrypt);
          const q = new URLSearchParams({ msg_signature: signature, timestamp: x.ts, nonce });
          if (x.get) {
            q.set('echostr', encrypt);
            await probe({ method: 'GET', path: `/hooks/wecom?${q}` });
          } else {
            await probe({
              method: 'POST',
              path: `/hooks/wecom?${q}`,
              headers: { 'Content-Type': 'text/xml' },
              body: envelope,
            });
          }
        }),
        budget(150, 4),
      );
    },
    TIMEOUT,
  );

  it(
    'DingTalk: any body behind a valid sign, and anything without one',
    async () => {
      let n = 0;
      /** A text message as DingTalk sends it, from one of a few people. */
      const dingText = (text: string) => ({
        conversationId: 'cidfuzz',
        msgId: `fuzz${Date.now()}${++n}`,
        senderNick: '模糊',
        senderStaffId: `fuzz${n % 3}`,
        conversationType: n % 5 === 0 ? '2' : '1',
        sessionWebhook: 'http://ding-session.fake/robot/sendBySession?session=fuzz',
        text: { content: text },
        msgtype: 'text',
      });
      const body = fc.oneof(
        fc.jsonValue().map((v) => JSON.stringify(v)),
        malformedJson,
        fc
          .record({
            msgId: fc.oneof(hostileText(10), fc.integer(), fc.constant('')),
            senderStaffId: fc.oneof(hostileText(10), fc.jsonValue()),
            senderId: fc.oneof(hostileText(10), fc.jsonValue()),
            conversationType: fc.constantFrom('1', '2', 1, null),
            sessionWebhook: fc.oneof(
              fc.constantFrom(
                'http://ding-session.fake/robot/sendBySession?session=x',
                'https://evil.example/',
                'javascript:alert(1)',
              ),
              hostileText(20),
            ),
            text: fc.oneof(fc.record({ content: hostileText(60) }), fc.jsonValue()),
            msgtype: fc.constantFrom('text', 'picture', 'richText', ''),
            senderNick: hostileText(10),
          })
          .map((v) => JSON.stringify(v)),
      );
      const plausible = hostileText(60)
        .map((text) => JSON.parse(JSON.stringify(dingText(text))) as unknown)
        .map((b) => JSON.stringify(b));
      const arb = fc.record({
        body: fc.oneof({ weight: 2, arbitrary: plausible }, { weight: 3, arbitrary: body }),
        signed: fc.constantFrom('valid', 'valid', 'wrong', 'none', 'replayed'),
      });
      let replay: Record<string, string> | undefined;
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const valid = (await dingRequest('fuzzuser', 'x')).headers;
          const headers: Record<string, string> =
            x.signed === 'valid'
              ? { ...valid }
              : x.signed === 'wrong'
                ? { ...valid, sign: 'AAAA' + valid.sign!.slice(4) }
                : x.signed === 'replayed' && replay
                  ? { ...replay }
                  : { 'Content-Type': 'application/json' };
          if (x.signed === 'valid') replay = headers;
          await probe({ method: 'POST', path: '/hooks/dingtalk', headers, body: x.body });
        }),
        budget(150, 4),
      );
    },
    TIMEOUT,
  );

  it(
    'Feishu: any event encrypted and signed, and anything unsigned',
    async () => {
      const event = fc.oneof(
        fc.jsonValue(),
        fc.record({
          schema: fc.constantFrom('2.0', 1),
          header: fc.oneof(
            fc.record({
              event_id: fc.oneof(hostileText(10), fc.integer()),
              token: fc.constantFrom('test-feishu-token', 'wrong', 1 as unknown as string),
              event_type: fc.constantFrom('im.message.receive_v1', 'card.action.trigger', 'other'),
            }),
            fc.jsonValue(),
          ),
          event: fc.oneof(fc.jsonValue(), fc.constant(larkText('ou_fuzz', 'x').event)),
        }),
        hostileText(20).map((t) => larkText('ou_fuzz', t)),
        fc.record({
          type: fc.constant('url_verification'),
          token: fc.constant('test-feishu-token'),
          challenge: fc.oneof(hostileText(20), fc.jsonValue()),
        }),
      );
      const arb = fc.record({
        event,
        how: fc.constantFrom('signed', 'signed', 'unsigned', 'raw', 'garbage'),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          if (x.how === 'garbage') {
            await probe({
              method: 'POST',
              path: '/hooks/feishu',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify({ encrypt: JSON.stringify(x.event) ?? '' }),
            });
            return;
          }
          if (x.how === 'raw') {
            await probe({
              method: 'POST',
              path: '/hooks/feishu',
              headers: { 'Content-Type': 'application/json' },
              body: JSON.stringify(x.event) ?? 'null',
            });
            return;
          }
          const r = await larkRequest(x.event, { signed: x.how === 'signed' });
          await probe({ method: 'POST', path: '/hooks/feishu', headers: r.headers, body: r.body });
        }),
        budget(120, 2),
      );
    },
    TIMEOUT,
  );

  it(
    'every limit: bodies just under and over it, huge headers, on every kind of route',
    async () => {
      const KIB = 1024;
      const routes = [
        ...['telegram', 'wecom', 'dingtalk', 'feishu'].map((p) => ({ path: `/hooks/${p}`, limit: 64 * KIB })),
        { path: '/api/check', limit: 1024 * KIB },
        { path: '/api/compile', limit: 1024 * KIB },
        { path: '/api/import', limit: 2048 * KIB },
        { path: `/f/${fx.form[0]}/save`, limit: 2048 * KIB },
        { path: `/f/${fx.form[1]}`, limit: 2048 * KIB },
        { path: `/d/${fx.dash}/orgs`, limit: 64 * KIB },
        { path: `/d/${fx.dash}/body/${fx.submittedOrgId}/return`, limit: 64 * KIB },
      ];
      const arb = fc.record({
        route: fc.constantFrom(...routes),
        // Bytes past (or short of) the route's limit.
        over: fc.constantFrom(-1000, -1, 1, 5000),
        type: fc.constantFrom(
          'application/json',
          'application/x-www-form-urlencoded',
          `multipart/form-data; boundary=${BOUNDARY}`,
        ),
        header: fc.integer({ min: 0, max: 16_000 }),
      });
      await fc.assert(
        fc.asyncProperty(arb, async (x) => {
          const wrapper = `{"update_id":1,"edits":{"s5":[null,"`;
          const size = x.route.limit + x.over - wrapper.length - 4;
          await probe({
            method: 'POST',
            path: x.route.path,
            headers: {
              'Content-Type': x.type,
              Origin: ORIGIN,
              'X-Telegram-Bot-Api-Secret-Token': SECRET,
              'X-Big': 'b'.repeat(x.header),
            },
            body: `${wrapper}${'a'.repeat(size)}"]}}`,
          });
        }),
        budget(40, 3),
      );
    },
    TIMEOUT,
  );
});
