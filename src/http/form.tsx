// The mobile form behind /f/<token>: one section per screen over the same draft the bot fills.
// Works as plain HTML forms (save by submit); with the script it checks live and autosaves.
import { Hono, type Context } from 'hono';
import { csrf } from 'hono/csrf';
import type { Form } from '../../forms';
import { getCell, getText } from '../../forms/model';
import { fillTotals } from '../engine/compute';
import { missingCells, toReport, type Draft } from '../engine/draft';
import { formValues, validateEdits } from '../engine/edits';
import { submitBlockers } from '../engine/flow';
import { classifyWriteError } from '../db/events';
import { allowSave, loadForm, saveEdits, type FormContext } from '../services/form';
import { reportUrl } from '../services/links';
import { Batch } from '../services/posts';
import { submission } from '../services/submit';
import { FORM_JS, FORM_JS_HASH, IMPORT_JS, IMPORT_JS_HASH } from '../web/client/form-bundle.js';
import { FORM_COPY as F, WEB_COPY as W } from '../web/copy';
import { Review, SectionForm, Shell, Submitted, type Frame } from '../web/form/page';
import { SECTION_VIEWS, type SectionProps } from '../web/form/sections';
import { messagePage } from '../web/page';
import { limitBody, readForm } from './body';
import { editsFromPost, one } from './form-post';
import { pageHeaders } from './headers';
import { requestDeps } from './hooks';
import { openLink } from './links';
import type { AppEnv } from './types';
import { bodyJson } from '../lib/body';

export const form = new Hono<AppEnv>();

const SCRIPT_URL = `/static/form.js?v=${FORM_JS_HASH}`;

/**
 * The largest body a form post may have. The largest legitimate one is section 一 posted without a
 * script: five texts of 20,000 characters and their five hidden base values, percent-encoded (up to
 * 9 bytes a character), 1.8 MB; a script's save of all seven texts with their bases is 0.85 MB.
 */
const FORM_BODY_BYTES = 2 * 1024 * 1024;

form.use(
  '/f/*',
  pageHeaders(),
  csrf(),
  limitBody(FORM_BODY_BYTES, (c) => c.req.path.endsWith('/save')),
);

for (const [path, js, hash] of [
  ['/static/form.js', FORM_JS, FORM_JS_HASH],
  ['/static/import.js', IMPORT_JS, IMPORT_JS_HASH],
] as const)
  form.get(path, (c) =>
    c.body(js, 200, {
      'Content-Type': 'text/javascript; charset=utf-8',
      'Cache-Control': c.req.query('v') === hash ? 'public, max-age=31536000, immutable' : 'no-cache',
    }),
  );

type Opened = { ok: true; token: string; ctx: FormContext } | { ok: false; response: Response };

/** Opens the link's draft; for a save (`save`: how to answer), counted against the link's rate. */
async function open(c: Context<AppEnv>, save?: 'json' | 'html'): Promise<Opened> {
  const opened = await openLink(c, 'f');
  if (!opened.ok) return opened;
  const { token } = opened;
  if (save && !(await allowSave(c.env.DB, opened.link, new Date()))) {
    const response =
      save === 'json'
        ? c.json({ error: F.tooManySaves, retryAfter: 60 }, 429, { 'Retry-After': '60' })
        : c.html(messagePage(F.tooManySavesTitle, F.tooManySavesPost), 429, { 'Retry-After': '60' });
    return { ok: false, response };
  }
  const ctx = await loadForm(c.env.DB, opened.link);
  if (!ctx) return { ok: false, response: c.html(messagePage(W.linkInvalidTitle, F.staleLink), 403) };
  return { ok: true, token, ctx };
}

/** Numbers still unanswered in each section; texts count as done when not empty. */
function sectionState(
  form: Form,
  draft: Draft,
): { done: boolean[]; missing: { section: number; count: number }[] } {
  const missing = missingCells(form, draft.report);
  const perSection = form.sections.map(
    (s) => missing.filter((p) => form.cellByPath.get(p)!.section === s.id).length,
  );
  const textDone = (id: string) =>
    form.texts
      .filter((t) => t.section === id)
      .every((t) => (getText(draft.report, t.path) ?? '').trim() !== '');
  const done = form.sections.map((s, i) => perSection[i] === 0 && textDone(s.id));
  return {
    done,
    missing: perSection.map((count, section) => ({ section, count })).filter((m) => m.count > 0),
  };
}

function frame(token: string, ctx: FormContext, section: number): Frame {
  return {
    form: ctx.form,
    token,
    org: ctx.member.orgName,
    year: ctx.stored.year,
    section,
    done: sectionState(ctx.form, ctx.stored.draft).done,
    version: ctx.stored.version,
    scriptUrl: SCRIPT_URL,
    importYear: ctx.previous || ctx.stored.status === 'submitted' ? undefined : ctx.stored.year - 1,
  };
}

function totalsOf(form: Form, draft: Draft): Record<string, number> {
  const filled = fillTotals(form, structuredClone(draft.report));
  const out: Record<string, number> = {};
  for (const cell of form.cells) if (cell.computed) out[cell.path] = getCell(filled, cell) ?? 0;
  return out;
}

/** The review screen comes after the last section. */
const reviewOf = (form: Form) => form.sections.length;

function parseSectionParam(s: string | undefined, ctx: FormContext): number {
  const review = reviewOf(ctx.form);
  if (s === 'review') return review;
  const n = Number(s);
  if (Number.isInteger(n) && n >= 1 && n <= review) return n - 1;
  const first = sectionState(ctx.form, ctx.stored.draft).done.findIndex((d) => !d);
  return first < 0 ? review : first;
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
      { env: c.env, now: new Date(), origin: requestDeps(c).origin },
      ctx.stored.id,
      ctx.stored.version,
    );
    return c.html(
      html(
        <Shell f={f}>{<Submitted f={f} url={url} at={(ctx.stored.submittedAt ?? '').slice(0, 10)} />}</Shell>,
      ),
    );
  }
  if (section === reviewOf(ctx.form)) {
    const { errors, warnings } = submitBlockers(ctx.form, draft, ctx.previous);
    return c.html(
      html(
        <Shell f={f}>
          <Review
            f={f}
            preview={toReport(ctx.form, {
              ...draft,
              report: { ...draft.report, org: { name: ctx.member.orgFullName } },
            })}
            missing={sectionState(ctx.form, draft).missing}
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
    form: ctx.form,
    values: formValues(ctx.form, draft),
    totals: totalsOf(ctx.form, draft),
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
    formVersion: ctx.form.version,
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
  const section = parseSectionParam(c.req.query('s'), opened.ctx);
  return renderSection(c, opened.token, opened.ctx, section);
});

form.post('/f/:token', async (c) => {
  const opened = await open(c, 'html');
  if (!opened.ok) return opened.response;
  const { token, ctx } = opened;
  const read = await readForm(c, { all: true });
  if (!read.ok) return read.response;
  const body = read.body;
  const review = reviewOf(ctx.form);
  const section = Math.min(Math.max(Number(one(body.section)) || 1, 1), review) - 1;
  const go = one(body.go);
  if (ctx.stored.status === 'submitted') return renderSection(c, token, ctx, section);
  const { edits, typed, problems } = editsFromPost(ctx.form, body, go === 'zero');
  const checked = validateEdits(ctx.form, edits);
  if (!checked.ok) return renderSection(c, token, ctx, section, { alerts: [checked.message] }, 422);
  const saved = await saveEdits(c.env.DB, ctx, checked.edits, new Date());
  if (!saved.ok) {
    // Submitted meanwhile: the page says so. Busy: back to the page as typed, to save again.
    if (saved.reason === 'submitted')
      return renderSection(c, token, { ...ctx, stored: saved.stored }, section);
    return c.html(messagePage(F.saveBusyTitle, F.saveBusyPost), 409);
  }
  const next = { ...ctx, stored: saved.stored };
  const alerts = [
    ...Object.entries(problems).map(([p, m]) => F.badInput(ctx.form.cellByPath.get(p)!.label, m)),
    ...saved.conflicts.map((k) =>
      F.badInput(k.path, F.conflict(String(k.theirs ?? F.empty), String(k.mine ?? F.empty))),
    ),
  ];
  if (alerts.length) return renderSection(c, token, next, section, { typed, problems, alerts }, 422);
  const target = go === 'prev' ? section : go === 'next' ? section + 2 : section + 1;
  return c.redirect(`/f/${token}?s=${target > review ? 'review' : Math.max(target, 1)}`, 303);
});

form.post('/f/:token/save', async (c) => {
  const opened = await open(c, 'json');
  if (!opened.ok) return opened.response;
  const { ctx } = opened;
  if (ctx.stored.status === 'submitted')
    return c.json({ error: F.alreadySubmitted((ctx.stored.submittedAt ?? '').slice(0, 10)) }, 409);
  const body = (await bodyJson(c.req.raw).catch(() => null)) as { edits?: unknown } | null;
  const checked = validateEdits(ctx.form, body?.edits);
  if (!checked.ok) return c.json({ error: checked.message }, 400);
  const saved = await saveEdits(c.env.DB, ctx, checked.edits, new Date());
  if (!saved.ok)
    return saved.reason === 'submitted'
      ? c.json({ error: F.alreadySubmitted((saved.stored.submittedAt ?? '').slice(0, 10)) }, 409)
      : c.json({ error: F.saveBusy, retryAfter: 5 }, 409);
  return c.json({
    version: saved.stored.version,
    values: formValues(ctx.form, saved.stored.draft),
    conflicts: saved.conflicts,
  });
});

form.post('/f/:token/submit', async (c) => {
  const opened = await open(c);
  if (!opened.ok) return opened.response;
  const { token, ctx } = opened;
  if (ctx.stored.status === 'submitted') return renderSection(c, token, ctx, reviewOf(ctx.form));
  const read = await readForm(c);
  if (!read.ok) return read.response;
  const body = read.body;
  const { missing, errors, warnings } = submitBlockers(ctx.form, ctx.stored.draft, ctx.previous);
  if (missing.length || errors.length)
    return renderSection(c, token, ctx, reviewOf(ctx.form), { refused: F.refused }, 422);
  if (warnings.length && one(body.confirm) !== '1')
    return renderSection(c, token, ctx, reviewOf(ctx.form), { refused: F.mustConfirm }, 422);
  const deps = requestDeps(c);
  const done = await submission(deps, ctx.stored, ctx.member, 'web', ctx.previous);
  try {
    await new Batch(deps, done.writes)
      .post(...done.posts)
      .enqueue(...done.jobs)
      .commit();
  } catch (err) {
    if (classifyWriteError(err) !== 'conflict') throw err;
    // Someone changed the draft meanwhile: show the review again with what is there now.
    const again = await open(c);
    if (!again.ok) return again.response;
    return renderSection(c, token, again.ctx, reviewOf(again.ctx.form), { refused: F.saveFailed }, 422);
  }
  const { url, notified } = done;
  const f = { ...frame(token, ctx, reviewOf(ctx.form)), done: ctx.form.sections.map(() => true) };
  return c.html(html(<Shell f={f}>{<Submitted f={f} url={url} notified={notified} />}</Shell>));
});
