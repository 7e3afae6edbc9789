// The form's page: header with the save status, progress, the section list, one section, and the
// state the script needs. Also the review and the after-submission pages.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Form } from '../../../forms';
import type { Report } from '../../../forms/model';
import type { Finding } from '../../engine/check';
import { REPORT_CSS, ReportContent } from '../../report/html';
import { FORM_COPY as T, IMPORT_WEB_COPY as I } from '../copy';
import { FORM_CSS } from './style';

/** `一、总体情况` for section 0. */
const sectionTitle = (form: Form, i: number) => form.heading(form.sections[i]!.id);

export interface Frame {
  form: Form;
  token: string;
  org: string;
  year: number;
  /** The section's index, or the number of sections for the review. */
  section: number;
  /** Sections fully answered. */
  done: boolean[];
  version: number;
  scriptUrl: string;
  /** Last year's report is missing: the year an import of its published text would fill. */
  importYear?: number;
}

/** JSON for a <script type="application/json">: nothing in it can close the element. */
function jsonForScript(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

function Nav({ f }: { f: Frame }) {
  return (
    <nav class="sections" aria-label={T.sections}>
      {f.form.sections.map((s, i) => (
        <a
          href={`/f/${f.token}?s=${i + 1}`}
          class={[i === f.section ? 'current' : '', f.done[i] ? 'done' : ''].join(' ').trim() || undefined}
          aria-current={i === f.section ? 'page' : undefined}
        >
          {s.no}
        </a>
      ))}
      <a href={`/f/${f.token}?s=review`} class={f.section === f.form.sections.length ? 'current' : undefined}>
        {T.review}
      </a>
    </nav>
  );
}

export function Shell({ f, state, children }: { f: Frame; state?: unknown; children: Child }) {
  const finished = f.done.filter(Boolean).length;
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="format-detection" content="telephone=no" />
        <title>{T.title(f.org, f.year)}</title>
        <style>{raw(f.section === f.form.sections.length ? FORM_CSS + REPORT_CSS : FORM_CSS)}</style>
      </head>
      <body>
        <header>
          <div class="title">{T.title(f.org, f.year)}</div>
          <span id="status" class="status" data-state="saved" role="status" aria-live="polite">
            {T.saved}
          </span>
        </header>
        <div class="progress" aria-label={T.progress(finished, f.done.length)}>
          <div class="bar" style={`width:${Math.round((finished / f.done.length) * 100)}%`} />
        </div>
        <p class="progress-text">{T.progress(finished, f.done.length)}</p>
        {f.importYear !== undefined && f.section === 0 ? (
          <p class="offer">
            {I.offer(f.importYear)} <a href={`/f/${f.token}/import`}>{I.offerLink(f.importYear)}</a>
          </p>
        ) : null}
        <Nav f={f} />
        <main>{children}</main>
        {state === undefined ? null : (
          <>
            <script type="application/json" id="state">
              {raw(jsonForScript(state))}
            </script>
            <script src={f.scriptUrl} defer />
          </>
        )}
      </body>
    </html>
  );
}

export function SectionForm({ f, children, problems }: { f: Frame; children: Child; problems: string[] }) {
  return (
    <form method="post" action={`/f/${f.token}`} id="form" novalidate>
      <h1>{sectionTitle(f.form, f.section)}</h1>
      <noscript>
        <p class="hint">{T.noScript}</p>
      </noscript>
      {problems.length ? (
        <div class="alert" role="alert">
          {problems.map((m) => (
            <p>{m}</p>
          ))}
        </div>
      ) : null}
      <input type="hidden" name="base" value={String(f.version)} />
      <input type="hidden" name="section" value={String(f.section + 1)} />
      {children}
      <div class="actions">
        {f.section > 0 ? (
          <button type="submit" name="go" value="prev" class="secondary" data-nav="prev">
            {T.prev}
          </button>
        ) : null}
        <button type="submit" name="go" value="next" data-nav="next">
          {f.section < f.form.sections.length - 1 ? T.saveAndNext : T.review}
        </button>
      </div>
    </form>
  );
}

export function Review({
  f,
  missing,
  errors,
  warnings,
  refused,
  preview,
}: {
  f: Frame;
  missing: { section: number; count: number }[];
  errors: Finding[];
  warnings: Finding[];
  refused?: string;
  /** The report as it would be submitted now (blanks as 0), shown before submitting. */
  preview: Report;
}) {
  const total = missing.reduce((s, m) => s + m.count, 0);
  return (
    <form method="post" action={`/f/${f.token}/submit`} id="submit">
      <h1>{T.reviewTitle}</h1>
      {refused ? (
        <div class="alert" role="alert">
          <p>{refused}</p>
        </div>
      ) : null}
      {total > 0 ? (
        <section class="box">
          <p>{T.missing(total)}</p>
          <ul>
            {missing.map((m) => (
              <li>
                <a href={`/f/${f.token}?s=${m.section + 1}`}>
                  {T.missingIn(sectionTitle(f.form, m.section), m.count)}
                </a>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {errors.length ? (
        <section class="box errors">
          <h2>{T.errorsTitle}</h2>
          <ol>
            {errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ol>
        </section>
      ) : null}
      {warnings.length ? (
        <section class="box warnings">
          <h2>{T.warningsTitle}</h2>
          <ol>
            {warnings.map((w) => (
              <li>{w.message}</li>
            ))}
          </ol>
          <label class="confirm">
            <input type="checkbox" name="confirm" value="1" /> {T.confirmWarnings}
          </label>
        </section>
      ) : null}
      {!total && !errors.length && !warnings.length ? <p class="box ok">{T.allGood}</p> : null}
      <section class="box preview">
        <h2>{T.previewTitle}</h2>
        <p class="hint">{T.previewHint}</p>
        <div class="preview-frame">
          <ReportContent form={f.form} report={preview} />
        </div>
      </section>
      <input type="hidden" name="base" value={String(f.version)} />
      <div class="actions">
        <button type="submit" disabled={total > 0 || errors.length > 0 || undefined}>
          {T.submit}
        </button>
      </div>
    </form>
  );
}

export function Submitted({
  f,
  url,
  notified,
  at,
}: {
  f: Frame;
  /** The compiled report (null: links cannot be made with this configuration). */
  url: string | null;
  notified?: number;
  at?: string;
}) {
  return (
    <section>
      <h1>{T.submittedTitle}</h1>
      {at ? <p>{T.alreadySubmitted(at)}</p> : null}
      {notified !== undefined ? <p>{T.submitted(notified)}</p> : null}
      {url ? (
        <>
          <p>
            <a class="button" href={url}>
              {T.viewReport}
            </a>
          </p>
          <p>
            <a href={`${url}?format=docx`}>{T.viewWord}</a>
          </p>
          <p>
            <a href={`${url}?format=text`}>{T.viewText}</a>
          </p>
        </>
      ) : (
        <p>{T.noReportLink}</p>
      )}
    </section>
  );
}
