// The mobile form behind /f/<token>: one section per screen over the same draft the bot fills.
// Works as plain HTML forms (save by submit); with the script it checks live and autosaves.
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import { secureHeaders } from 'hono/secure-headers';
import { CELL_BY_PATH, CELLS } from '../../forms/model';
import { SECTIONS, type SectionId } from '../../forms/report-2021';
import { fillTotals } from '../engine/compute';
import { formValues, validateEdits, type Edits, type Value } from '../engine/edits';
import { missingCells, TEXT_PATHS, getText, type Draft } from '../engine/draft';
import { submitBlockers } from '../engine/flow';
import { parseAmount, parseCount } from '../engine/numbers';
import { openLink } from './links';
import { loadForm, saveEdits, type FormContext } from '../services/form';
import { notifySubmitted, reportUrl, submitWrites } from '../services/submit';
import { classifyWriteError } from '../db/events';
import { FORM_COPY as F, WEB_COPY as W } from '../web/copy';
import { messagePage, Page } from '../web/page';
import { getInvite } from '../db/invites';
import type { Member } from '../db/people';
import { CHAT_COPY } from '../chat/copy';
import { formUrl } from '../chat/commands';
import { defaultYear } from '../chat/service';
import { Review, SectionForm, Shell, Submitted, type Frame } from '../web/form/page';
import { FORM_JS, FORM_JS_HASH } from '../web/client/form-bundle.js';
import { SECTION_VIEWS, type SectionProps } from '../web/form/sections';
import { chatDeps } from './hooks';
import type { AppEnv } from '../types';

export const form = new Hono<AppEnv>();

export const SCRIPT_URL = `/static/form.js?v=${FORM_JS_HASH}`;

form.use(
  '/f/*',
  secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      formAction: ["'self'"],
      frameAncestors: ["'none'"],
    },
    referrerPolicy: 'no-referrer',
  }),
  csrf(),
);

form.get('/static/form.js', (c) =>
  c.body(FORM_JS, 200, {
    'Content-Type': 'text/javascript; charset=utf-8',
    'Cache-Control': c.req.query('v') === FORM_JS_HASH ? 'public, max-age=31536000, immutable' : 'no-cache',
  }),
);

type Opened = { ok: true; token: string; ctx: FormContext } | { ok: false; response: Response };

async function open(c: Context<AppEnv>): Promise<Opened> {
  const opened = await openLink(c, 'f');
  if (!opened.ok) return opened;
  const { token } = opened;
  const ctx = await loadForm(c.env.DB, opened.link);
  if (!ctx) return { ok: false, response: c.html(messagePage(W.linkInvalidTitle, F.staleLink), 403) };
  return { ok: true, token, ctx };
}

const SECTION_IDS = SECTIONS.map((s) => s.id);

/** Numbers still unanswered in each section; texts count as done when not empty. */
function sectionState(draft: Draft): { done: boolean[]; missing: { section: number; count: number }[] } {
  const missing = missingCells(draft.report);
  const perSection = SECTION_IDS.map(
    (id) => missing.filter((p) => CELL_BY_PATH.get(p)!.section === id).length,
  );
  const textDone = (id: SectionId) =>
    TEXT_PATHS.filter((t) => t.startsWith(id)).every((t) => (getText(draft.report, t) ?? '').trim() !== '');
  const done = SECTION_IDS.map((id, i) => perSection[i] === 0 && textDone(id));
  return {
    done,
    missing: perSection.map((count, section) => ({ section, count })).filter((m) => m.count > 0),
  };
}

function frame(token: string, ctx: FormContext, section: number): Frame {
  return {
    token,
    org: ctx.member.orgName,
    year: ctx.stored.year,
    section,
    done: sectionState(ctx.stored.draft).done,
    version: ctx.stored.version,
    scriptUrl: SCRIPT_URL,
  };
}

function totalsOf(draft: Draft): Record<string, number> {
  const filled = fillTotals(structuredClone(draft.report));
  const out: Record<string, number> = {};
  for (const cell of CELLS) {
    if (!cell.computed) continue;
    let node: unknown = filled;
    for (const k of cell.loc) node = (node as Record<string | number, unknown>)?.[k];
    out[cell.path] = typeof node === 'number' ? node : 0;
  }
  return out;
}

function parseSectionParam(s: string | undefined, draft: Draft): number {
  if (s === 'review') return 6;
  const n = Number(s);
  if (Number.isInteger(n) && n >= 1 && n <= 6) return n - 1;
  const first = sectionState(draft).done.findIndex((d) => !d);
  return first < 0 ? 6 : first;
}

function html(page: unknown): string {
  return '<!DOCTYPE html>' + String(page);
}

async function renderSection(
  c: Context<AppEnv>,
  token: string,
  ctx: FormContext,
  section: number,
  extra: {
    typed?: Record<string, string>;
    problems?: Record<string, string>;
    alerts?: string[];
    refused?: string;
  } = {},
  status: 200 | 422 = 200,
) {
  const f = frame(token, ctx, section);
  const draft = ctx.stored.draft;
  if (ctx.stored.status === 'submitted') {
    const url = await reportUrl(
      { env: c.env, now: new Date(), origin: chatDeps(c).origin },
      ctx.stored.id,
      ctx.stored.version,
    );
    return c.html(
      html(
        <Shell f={f}>{<Submitted f={f} url={url} at={(ctx.stored.submittedAt ?? '').slice(0, 10)} />}</Shell>,
      ),
    );
  }
  if (section === 6) {
    const { errors, warnings } = submitBlockers(draft, ctx.previous);
    return c.html(
      html(
        <Shell f={f}>
          <Review
            f={f}
            missing={sectionState(draft).missing}
            errors={errors}
            warnings={warnings}
            refused={extra.refused}
          />
        </Shell>,
      ),
      status,
    );
  }
  const props: SectionProps = {
    values: formValues(draft),
    totals: totalsOf(draft),
    kind: ctx.member.orgKind,
    typed: extra.typed ?? {},
    problems: extra.problems ?? {},
  };
  const View = SECTION_VIEWS[section]!;
  const state = {
    token,
    version: ctx.stored.version,
    values: props.values,
    previous: ctx.previous ?? null,
    org: draft.report.org,
    year: ctx.stored.year,
    section,
  };
  return c.html(
    html(
      <Shell f={f} state={state}>
        <SectionForm f={f} problems={extra.alerts ?? []}>
          <View p={props} />
        </SectionForm>
      </Shell>,
    ),
    status,
  );
}

form.get('/f/:token', async (c) => {
  const opened = await open(c);
  if (!opened.ok) return opened.response;
  const section = parseSectionParam(c.req.query('s'), opened.ctx.stored.draft);
  return renderSection(c, opened.token, opened.ctx, section);
});

const CONTROL = new Set(['base', 'section', 'go', 'confirm']);

const normaliseText = (s: string) => s.replace(/\r\n?/g, '\n').trim();

/** Checkbox values (one or many, or a comma list) as numbers. */
const listed = (v: unknown): number[] =>
  (Array.isArray(v) ? v : [v])
    .map((x) => one(x))
    .filter((x) => x !== '')
    .flatMap((x) => x.split(','))
    .map(Number);

function one(v: unknown): string {
  return typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '';
}

/** A plain form post → edits, with what could not be read kept as typed. */
function editsFromForm(body: Record<string, unknown>, zeroBlanks: boolean) {
  const edits: Edits = {};
  const typed: Record<string, string> = {};
  const problems: Record<string, string> = {};
  const was = (path: string) => one(body[`was.${path}`]);
  for (const [key, raw] of Object.entries(body)) {
    if (CONTROL.has(key) || key.startsWith('was.')) continue;
    if ((TEXT_PATHS as readonly string[]).includes(key)) {
      // Browsers send line breaks as CRLF, in the hidden base value too: compare like with like.
      const text = normaliseText(one(raw));
      const before = normaliseText(was(key));
      edits[key] = [before === '' ? null : before, text === '' ? null : text];
      continue;
    }
    if (key === 'flow.s3Any' || key === 'flow.s4Any') {
      const before = was(key);
      edits[key] = [before === '' ? null : before === '1', one(raw) === '1'];
      continue;
    }
    if (key === 'flow.s3Columns') continue;
    const cell = CELL_BY_PATH.get(key);
    if (!cell || cell.computed) continue;
    const text = one(raw).trim();
    const before = was(key);
    const base: Value = before === '' ? null : Number(before);
    if (text === '') {
      edits[key] = [base, zeroBlanks ? 0 : null];
      continue;
    }
    const parsed = cell.kind === 'amount' ? parseAmount(text) : parseCount(text);
    if (parsed.ok) edits[key] = [base, parsed.value];
    else {
      typed[key] = text;
      problems[key] = parsed.message;
    }
  }
  // Saying "none" on a plain form means those figures are 0, whatever the inputs still hold, so
  // the answer does not clash with the user's own figures.
  for (const [path, edit] of Object.entries(edits)) {
    const cell = CELL_BY_PATH.get(path);
    if (!cell) continue;
    const none =
      (cell.section === 's3' && one(body['flow.s3Any']) === '0') ||
      (cell.section === 's4' && one(body['flow.s4Any']) === '0');
    const unticked =
      cell.section === 's3' &&
      'flow.s3Columns' in body &&
      !listed(body['flow.s3Columns']).includes(cell.loc[2] as number);
    if (none || unticked) edit[1] = 0;
  }
  if ('was.flow.s3Columns' in body && 'flow.s3Columns' in body) {
    const before = one(body['was.flow.s3Columns']);
    edits['flow.s3Columns'] = [before === '' ? null : listed(before), listed(body['flow.s3Columns'])];
  }
  return { edits, typed, problems };
}

form.post('/f/:token', async (c) => {
  const opened = await open(c);
  if (!opened.ok) return opened.response;
  const { token, ctx } = opened;
  const body = (await c.req.parseBody({ all: true })) as Record<string, unknown>;
  const section = Math.min(Math.max(Number(one(body.section)) || 1, 1), 6) - 1;
  const go = one(body.go);
  if (ctx.stored.status === 'submitted') return renderSection(c, token, ctx, section);
  const { edits, typed, problems } = editsFromForm(body, go === 'zero');
  const checked = validateEdits(edits);
  if (!checked.ok) return renderSection(c, token, ctx, section, { alerts: [checked.message] }, 422);
  const saved = await saveEdits(c.env.DB, ctx, checked.edits, new Date());
  const next = { ...ctx, stored: saved.stored };
  const alerts = [
    ...Object.entries(problems).map(([p, m]) => F.badInput(CELL_BY_PATH.get(p)!.label, m)),
    ...saved.conflicts.map((k) =>
      F.badInput(k.path, F.conflict(String(k.theirs ?? F.empty), String(k.mine ?? F.empty))),
    ),
  ];
  if (alerts.length) return renderSection(c, token, next, section, { typed, problems, alerts }, 422);
  const target = go === 'prev' ? section : go === 'next' ? section + 2 : section + 1;
  return c.redirect(`/f/${token}?s=${target > 6 ? 'review' : Math.max(target, 1)}`, 303);
});

form.post('/f/:token/save', async (c) => {
  const opened = await open(c);
  if (!opened.ok) return opened.response;
  const { ctx } = opened;
  if (ctx.stored.status === 'submitted')
    return c.json({ error: F.alreadySubmitted((ctx.stored.submittedAt ?? '').slice(0, 10)) }, 409);
  const body = (await c.req.json().catch(() => null)) as { edits?: unknown } | null;
  const checked = validateEdits(body?.edits);
  if (!checked.ok) return c.json({ error: checked.message }, 400);
  const saved = await saveEdits(c.env.DB, ctx, checked.edits, new Date());
  return c.json({
    version: saved.stored.version,
    values: formValues(saved.stored.draft),
    conflicts: saved.conflicts,
  });
});

form.post('/f/:token/submit', async (c) => {
  const opened = await open(c);
  if (!opened.ok) return opened.response;
  const { token, ctx } = opened;
  if (ctx.stored.status === 'submitted') return renderSection(c, token, ctx, 6);
  const body = (await c.req.parseBody()) as Record<string, unknown>;
  const { missing, errors, warnings } = submitBlockers(ctx.stored.draft, ctx.previous);
  if (missing.length || errors.length) return renderSection(c, token, ctx, 6, { refused: F.refused }, 422);
  if (warnings.length && one(body.confirm) !== '1')
    return renderSection(c, token, ctx, 6, { refused: F.mustConfirm }, 422);
  const deps = chatDeps(c);
  try {
    await c.env.DB.batch(submitWrites(deps, ctx.stored, ctx.member, 'web', ctx.previous));
  } catch (err) {
    if (classifyWriteError(err) !== 'conflict') throw err;
    // Someone changed the draft meanwhile: show the review again with what is there now.
    const again = await open(c);
    if (!again.ok) return again.response;
    return renderSection(c, token, again.ctx, 6, { refused: F.saveFailed }, 422);
  }
  const { url, notified } = await notifySubmitted(deps, ctx.stored, ctx.member);
  const f = { ...frame(token, ctx, 6), done: [true, true, true, true, true, true] };
  return c.html(html(<Shell f={f}>{<Submitted f={f} url={url} notified={notified} />}</Shell>));
});

// Invite links (/i/<code>): join by chat with the code, or start filling in the browser at once.
form.use('/i/*', secureHeaders({ referrerPolicy: 'no-referrer' }), csrf());

async function usableInvite(c: Context<AppEnv>) {
  const invite = await getInvite(c.env.DB, (c.req.param('code') ?? '').toUpperCase());
  if (!invite)
    return {
      ok: false as const,
      response: c.html(messagePage(W.inviteInvalidTitle, CHAT_COPY.inviteUnknown), 404),
    };
  if (invite.usedAt)
    return {
      ok: false as const,
      response: c.html(messagePage(W.inviteInvalidTitle, CHAT_COPY.inviteUsed), 410),
    };
  if (invite.expiresAt < new Date().toISOString()) {
    return {
      ok: false as const,
      response: c.html(messagePage(W.inviteInvalidTitle, CHAT_COPY.inviteExpired), 410),
    };
  }
  return { ok: true as const, invite };
}

form.get('/i/:code', async (c) => {
  const got = await usableInvite(c);
  if (!got.ok) return got.response;
  const { invite } = got;
  return c.html(
    html(
      <Page title={F.inviteTitle(invite.orgName)}>
        <h1>{F.inviteTitle(invite.orgName)}</h1>
        <p>{F.inviteIntro(invite.orgName, CHAT_COPY.roleName(invite.role))}</p>
        <p>{F.inviteChat(invite.code)}</p>
        {invite.personId === null ? (
          <form method="post">
            <p>{F.inviteWeb}</p>
            <button type="submit">{F.inviteStart}</button>
            <p class="hint">{F.inviteWebNote}</p>
          </form>
        ) : null}
      </Page>,
    ),
  );
});

form.post('/i/:code', async (c) => {
  const got = await usableInvite(c);
  if (!got.ok) return got.response;
  const { invite } = got;
  if (invite.personId !== null) return c.redirect(`/i/${invite.code}`, 303);
  const db = c.env.DB;
  const now = new Date();
  try {
    await db.batch([
      db.prepare('UPDATE invites SET used_at = ?2 WHERE code = ?1').bind(invite.code, now.toISOString()),
      db.prepare('INSERT INTO people (org_id, role) VALUES (?1, ?2)').bind(invite.orgId, invite.role),
      db.prepare('UPDATE invites SET used_by = last_insert_rowid() WHERE code = ?1').bind(invite.code),
    ]);
  } catch (err) {
    if (classifyWriteError(err) !== 'conflict') throw err;
    return c.html(messagePage(W.inviteInvalidTitle, CHAT_COPY.inviteUsed), 410);
  }
  const row = await db
    .prepare('SELECT used_by FROM invites WHERE code = ?1')
    .bind(invite.code)
    .first<{ used_by: number }>();
  const deps = chatDeps(c);
  const member = { personId: row!.used_by, orgId: invite.orgId } as Member;
  return c.redirect(await formUrl(deps, member, defaultYear(now)), 303);
});
