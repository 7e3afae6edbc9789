// The supervisor's dashboard pages (hono/jsx, no script): the status list with counts, filters and
// paging; a body's details with its history, return and reminder controls; the roll-up.
import type { FailedPost } from '../db/outbox';
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import type { Finding } from '../engine/check';
import type { StatusCounts, StatusRow } from '../db/status';
import type { HistoryEntry } from '../db/supervision';
import { AUDIT_COPY as A, DASHBOARD_COPY as T } from './copy';
import { ImportScript, PDF_FORM, REPORT_FILES } from './page';
import type { Audited } from '../services/imports';
import type { Comparison } from '../engine/compare';
import { NOT_APPLICABLE, type CellValue } from '../../forms/model';
import type { Verdict } from '../db/verdicts';
import { CHART_CSS } from './charts';
import { BodyLines, type YearCounts } from './data-view';
import type { PeerMedians } from '../services/stats';
import type { PartsSummary, Reviewed } from '../services/verdicts';

const DASHBOARD_CSS = `
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
header{padding:.7rem 1rem;background:#1e4fa3;color:#fff}header h1{margin:0;font-size:1.1rem}header p{margin:.2rem 0 0;font-size:.85rem;opacity:.9}
main{max-width:72rem;margin:0 auto;padding:.8rem}
.counts{display:grid;grid-template-columns:repeat(auto-fit,minmax(6.5rem,1fr));gap:.5rem;margin:.4rem 0 .8rem}
.counts a{display:block;padding:.5rem .6rem;border-radius:.5rem;background:#fff;border:1px solid #d0d7e2;color:inherit;text-decoration:none}
.counts a.on{border-color:#1e4fa3;box-shadow:0 0 0 2px #1e4fa3 inset}.counts b{display:block;font-size:1.4rem}
.deadline{padding:.5rem .8rem;border-radius:.5rem;background:#fff7e0;border:1px solid #e6c35c;margin-bottom:.8rem}
form.filters{display:flex;flex-wrap:wrap;gap:.5rem;align-items:end;margin-bottom:.8rem}
form.filters label{display:flex;flex-direction:column;font-size:.8rem;color:#555}
input,select,textarea,button{font:inherit}input,select{padding:.4rem;border:1px solid #c5cbd3;border-radius:.35rem}
button,.button{padding:.45rem .9rem;border-radius:.4rem;border:1px solid #1e4fa3;background:#1e4fa3;color:#fff;text-decoration:none;display:inline-block;cursor:pointer}
.secondary{background:#fff;color:#1e4fa3}
.tools{display:flex;flex-wrap:wrap;gap:.5rem;margin:.6rem 0}
table.list{width:100%;border-collapse:collapse;background:#fff;border:1px solid #d0d7e2}
.list th,.list td{padding:.45rem .5rem;border-bottom:1px solid #e7eaee;text-align:left;vertical-align:top}
.list th{background:#eef2f8;font-weight:600;font-size:.85rem}
.badge{display:inline-block;padding:.05rem .45rem;border-radius:1rem;font-size:.8rem;white-space:nowrap}
.st-none{background:#f1f1f1;color:#555}.st-draft{background:#e8f0fe;color:#1e4fa3}.st-returned{background:#fde7e7;color:#b3261e}.st-submitted{background:#e6f4ea;color:#2e7d32}
.bar{height:6px;background:#e1e5ea;border-radius:3px;min-width:4rem}.bar i{display:block;height:6px;background:#2e7d32;border-radius:3px}
.err{color:#b3261e}.muted{color:#777;font-size:.85rem}
.pager{display:flex;justify-content:space-between;align-items:center;margin:.8rem 0}
.box{background:#fff;border:1px solid #d0d7e2;border-radius:.5rem;padding:.6rem .9rem;margin:.8rem 0}
.failed{border-color:#d9a0a0;background:#fff6f6}.failed li{margin:.3rem 0}form.inline{display:inline}
.notice{border-color:#2e7d32;background:#eef8f0}.alert{border-color:#b3261e;background:#fff4f4}
textarea{width:100%;padding:.5rem;border:1px solid #c5cbd3;border-radius:.35rem}
ol.history{padding-left:1.2rem}ol.history li{margin:.2rem 0}
.changed td{background:#fff7e0}.changed td.delta{font-weight:600}
.diff ins{background:#e6f4ea;text-decoration:none}.diff del{color:#8a8f98}
@media print{header,.tools,.noprint{display:none}body{background:#fff}.box{border:0;padding:0}}
@media (max-width:640px){
  table.list thead{display:none}
  table.list,.list tbody,.list tr,.list td{display:block;width:100%}
  .list tr{border-bottom:6px solid #f6f7f9;padding:.3rem 0}
  .list td{border:0;padding:.2rem .6rem;display:flex;justify-content:space-between;gap:.8rem}
  .list td::before{content:attr(data-label);color:#777;font-size:.8rem}
  .list td.name{font-weight:600;font-size:1rem}.list td.name::before{content:none}
}
`;

export function DashShell({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle?: string;
  children: Child;
}) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>{raw(DASHBOARD_CSS + CHART_CSS)}</style>
      </head>
      <body>
        <header>
          <h1>{title}</h1>
          {subtitle ? <p>{subtitle}</p> : null}
        </header>
        <main>{children}</main>
      </body>
    </html>
  );
}

const day = (iso: string | null) =>
  iso
    ? new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')
    : T.never;

export interface ListView {
  base: string;
  year: number;
  years: number[];
  rows: StatusRow[];
  counts: StatusCounts;
  query: { status: string; q: string; sort: string; page: number };
  pageSize: number;
  daysLeft: number;
  notice?: string;
  /** How a channel (platform, web, admin) is named. */
  channel: (id: string) => string;
  /** Messages about bodies here that could not be delivered, after every retry. */
  failed: FailedPost[];
  /** The kinds of body that may be added here (none: no form to add one). */
  childKinds: readonly string[];
}

/** Messages the platforms refused after every retry: who they were for, and a button to try again. */
function FailedMessages({ v }: { v: ListView }) {
  if (v.failed.length === 0) return null;
  return (
    <details class="box failed" open>
      <summary>{T.failed.title(v.failed.length)}</summary>
      <p class="muted">{T.failed.hint}</p>
      <ul>
        {v.failed.map((f) => (
          <li>
            {T.failed.line(
              f.org_name,
              T.failed.purposes[f.purpose] ?? f.purpose,
              v.channel(f.platform),
              day(f.created_at),
            )}{' '}
            <form method="post" action={`${v.base}/outbox/${f.id}/resend?year=${v.year}`} class="inline">
              <button type="submit" class="secondary">
                {T.failed.resend}
              </button>
            </form>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** How near the deadline is: counted down before it; after it only while bodies are late, for two months. */
function deadlineNote(v: ListView): string | null {
  if (v.daysLeft >= 0) return T.daysLeft(v.daysLeft);
  const missing = v.counts.all - v.counts.submitted;
  return missing > 0 && -v.daysLeft <= 60 ? T.overdue(-v.daysLeft, missing) : null;
}

function href(v: ListView, patch: Partial<ListView['query'] & { year: number }>): string {
  const q = { ...v.query, year: v.year, ...patch };
  const params = new URLSearchParams();
  params.set('year', String(q.year));
  if (q.status) params.set('status', q.status);
  if (q.q) params.set('q', q.q);
  if (q.sort && q.sort !== 'status') params.set('sort', q.sort);
  if (q.page > 1) params.set('page', String(q.page));
  return `${v.base}?${params}`;
}

export function StatusList({ v }: { v: ListView }) {
  const cards: [string, number][] = [
    ['', v.counts.all],
    ['submitted', v.counts.submitted],
    ['draft', v.counts.draft],
    ['returned', v.counts.returned],
    ['none', v.counts.none],
  ];
  const from = (v.query.page - 1) * v.pageSize;
  return (
    <>
      {v.notice ? <p class="box notice">{v.notice}</p> : null}
      <FailedMessages v={v} />
      <p class="deadline">
        {T.deadline(v.year)}
        {deadlineNote(v) ? <b> · {deadlineNote(v)}</b> : null}
      </p>
      <nav class="counts">
        {cards.map(([key, n]) => (
          <a href={href(v, { status: key, page: 1 })} class={v.query.status === key ? 'on' : undefined}>
            <b>{n}</b>
            {key ? T.statusLabels[key] : T.all}
          </a>
        ))}
      </nav>
      <form class="filters" method="get" action={v.base}>
        <label>
          {T.year}
          <select name="year">
            {v.years.map((y) => (
              <option value={String(y)} selected={y === v.year}>
                {y}
              </option>
            ))}
          </select>
        </label>
        <label>
          {T.search}
          <input name="q" value={v.query.q} />
        </label>
        <label>
          {T.sort}
          <select name="sort">
            {Object.entries(T.sorts).map(([k, label]) => (
              <option value={k} selected={k === v.query.sort}>
                {label}
              </option>
            ))}
          </select>
        </label>
        {v.query.status ? <input type="hidden" name="status" value={v.query.status} /> : null}
        <button type="submit">{T.apply}</button>
      </form>
      <div class="tools">
        <a class="button secondary" href={`${v.base}/rollup?year=${v.year}`}>
          {T.rollup}
        </a>
        <a class="button secondary" href={`${v.base}/stats?year=${v.year}`}>
          {T.statsLink}
        </a>
        <a class="button secondary" href={`${v.base}/export.csv?year=${v.year}`}>
          {T.exportCsv}
        </a>
        <a class="button secondary" href={`${v.base}/audit?year=${v.year}`}>
          {A.link}
        </a>
        <form method="post" action={`${v.base}/remind?year=${v.year}`}>
          <button type="submit" class="secondary">
            {T.remind}
          </button>
        </form>
      </div>
      {v.childKinds.length === 0 ? null : (
        <details class="box">
          <summary>{T.addUnit}</summary>
          <form method="post" action={`${v.base}/orgs?year=${v.year}`} class="filters">
            <label>
              {T.unitName}
              <input name="name" required maxlength={100} placeholder="白营镇" />
            </label>
            <label>
              {T.unitKind}
              <select name="kind">
                {v.childKinds.map((k) => (
                  <option value={k}>{T.kinds[k]}</option>
                ))}
              </select>
            </label>
            <label>
              {T.unitFullName}
              <input name="fullName" maxlength={100} placeholder="汤阴县白营镇人民政府" />
            </label>
            <button type="submit">{T.addUnitButton}</button>
          </form>
        </details>
      )}
      {v.rows.length === 0 ? (
        <p class="box">{T.none}</p>
      ) : (
        <table class="list">
          <thead>
            <tr>
              <th>{T.columns.name}</th>
              <th>{T.columns.status}</th>
              <th>{T.columns.progress}</th>
              <th>{T.columns.problems}</th>
              <th>{T.columns.updated}</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {v.rows.map((r) => (
              <tr data-org={String(r.orgId)}>
                <td class="name">
                  <a href={`${v.base}/body/${r.orgId}?year=${v.year}`}>{r.name}</a>
                  {r.remindersOff ? <span class="muted"> · {T.remindersOff}</span> : null}
                </td>
                <td data-label={T.columns.status}>
                  <span class={`badge st-${r.status}`}>{T.statusLabels[r.status]}</span>
                </td>
                <td data-label={T.columns.progress}>
                  {T.progress(r.done, r.total)}
                  <div class="bar">
                    <i style={`width:${r.total ? Math.round((100 * r.done) / r.total) : 0}%`} />
                  </div>
                </td>
                <td data-label={T.columns.problems} class={r.errors ? 'err' : undefined}>
                  {T.problems(r.errors, r.warnings)}
                  {r.unjudged > 0 ? <span class="unjudged">{T.unjudged(r.unjudged)}</span> : null}
                </td>
                <td data-label={T.columns.updated}>
                  {day(r.updatedAt)}
                  {r.updatedChannel ? <span class="muted"> · {v.channel(r.updatedChannel)}</span> : null}
                </td>
                <td data-label="">
                  {r.status === 'submitted' ? (
                    <>
                      <a href={`${v.base}/body/${r.orgId}/report?year=${v.year}`}>{T.report}</a> ·{' '}
                      <a href={`${v.base}/body/${r.orgId}/report?year=${v.year}&format=docx`}>{T.word}</a>
                    </>
                  ) : (
                    <a href={`${v.base}/body/${r.orgId}?year=${v.year}`}>{T.details}</a>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <div class="pager">
        {v.query.page > 1 ? <a href={href(v, { page: v.query.page - 1 })}>{T.prevPage}</a> : <span />}
        <span class="muted">
          {v.counts.matching ? T.page(from + 1, from + v.rows.length, v.counts.matching) : ''}
        </span>
        {from + v.rows.length < v.counts.matching ? (
          <a href={href(v, { page: v.query.page + 1 })}>{T.nextPage}</a>
        ) : (
          <span />
        )}
      </div>
    </>
  );
}

export interface BodyView {
  base: string;
  year: number;
  name: string;
  orgId: number;
  status: string;
  done: number;
  total: number;
  remindersOff: boolean;
  history: HistoryEntry[];
  notice?: string;
  alert?: string;
  channel: (id: string) => string;
  /** The full official name used in the title of its reports. */
  fullName: string;
  /** The submitted version's findings with the supervisor's verdicts. */
  review?: { findings: Reviewed[]; verdicts: Verdict[]; parts?: PartsSummary };
  /** Bodies under it: whether its own report sums them (rule 16) can be set. */
  hasParts: boolean;
  sumsParts: boolean;
  /** Its own figures over the years, and its peers' medians (the data view's lines). */
  lines?: { own: YearCounts[]; peers: PeerMedians[] };
}

/** Whether the body's own report sums the bodies under it (rule 16), and how complete they are. */
function SummingReport({ v }: { v: BodyView }) {
  const parts = v.review?.parts;
  return (
    <section class="box">
      <h2>{T.partsTitle}</h2>
      <p>{v.sumsParts ? T.partsOn : T.partsOff}</p>
      {parts ? (
        <p class={parts.missing.length ? 'muted' : undefined}>
          {parts.missing.length
            ? T.partsIncomplete(parts.bodies, parts.missing)
            : T.partsComplete(parts.bodies)}
        </p>
      ) : null}
      <Switch v={v} action="parts" field="on" value={!v.sumsParts}>
        {v.sumsParts ? T.partsTurnOff : T.partsTurnOn}
      </Switch>
    </section>
  );
}

/** A button that posts one setting of the body (`field` = 1 or 0) and comes back to its page. */
function Switch(props: { v: BodyView; action: string; field: string; value: boolean; children: string }) {
  const { v } = props;
  return (
    <form method="post" action={`${v.base}/body/${v.orgId}/${props.action}?year=${v.year}`}>
      <input type="hidden" name={props.field} value={props.value ? '1' : '0'} />
      <button type="submit" class="secondary">
        {props.children}
      </button>
    </form>
  );
}

/** The findings of the submitted version, each with its verdict or the two ways to give one. */
function FindingsToJudge({ v, review }: { v: BodyView; review: NonNullable<BodyView['review']> }) {
  const open = review.findings.filter((f) => !f.verdict && f.finding.severity === 'warning').length;
  return (
    <section class="box findings">
      <h2>{T.verdictsTitle(open)}</h2>
      {review.findings.length === 0 ? <p>{T.verdictNone}</p> : <p class="muted">{T.verdictsHint}</p>}
      <ol>
        {review.findings.map((f) => (
          <li data-rule={f.finding.rule}>
            <p class={f.finding.severity === 'error' ? 'err' : undefined}>{f.finding.message}</p>
            {f.verdict ? (
              <p class="muted">
                {T.verdictStates[f.verdict.verdict]}
                {f.verdict.reason ? `：${f.verdict.reason}` : ''} · {T.verdictBy(f.verdict.who, f.verdict.at)}
              </p>
            ) : (
              <form method="post" action={`${v.base}/body/${v.orgId}/verdict?year=${v.year}`} class="filters">
                <input type="hidden" name="key" value={f.key} />
                <input
                  name="reason"
                  maxlength={500}
                  placeholder={T.verdictReason}
                  aria-label={T.verdictReason}
                />
                <button type="submit" name="verdict" value="confirm">
                  {T.verdictConfirm}
                </button>
                <button type="submit" name="verdict" value="dismiss" class="secondary">
                  {T.verdictDismiss}
                </button>
              </form>
            )}
          </li>
        ))}
      </ol>
    </section>
  );
}

export function BodyDetails({ v }: { v: BodyView }) {
  const body = `${v.base}/body/${v.orgId}`;
  return (
    <>
      <p>
        <a href={`${v.base}?year=${v.year}`}>← {T.back}</a>
      </p>
      {v.notice ? <p class="box notice">{v.notice}</p> : null}
      {v.alert ? <p class="box alert">{v.alert}</p> : null}
      <p>
        <span class={`badge st-${v.status}`}>{T.statusLabels[v.status]}</span> {T.progress(v.done, v.total)}
      </p>
      <p class="tools">
        <a class="button secondary" href={`${body}/compare?year=${v.year}`}>
          {T.compareLink}
        </a>
      </p>
      {v.status === 'submitted' ? (
        <>
          <p class="tools">
            {(['html', 'docx', 'text', 'json'] as const).map((f) => (
              <a class="button secondary" href={`${body}/report?year=${v.year}&format=${f}`}>
                {T.formats[f]}
              </a>
            ))}
          </p>
          {v.review ? <FindingsToJudge v={v} review={v.review} /> : null}
          <form class="box" method="post" action={`${body}/return?year=${v.year}`}>
            <h2>{T.returnTitle}</h2>
            <p class="muted">{T.returnHint}</p>
            <textarea name="comment" rows={3} required maxlength={1000} />
            <p>
              <button type="submit">{T.returnButton}</button>
            </p>
          </form>
        </>
      ) : null}
      <section class="box">
        <h2>{T.fullNameTitle}</h2>
        <p class="muted">{T.fullNameHint}</p>
        <form method="post" action={`${body}/name?year=${v.year}`} class="filters">
          <input name="fullName" required maxlength={100} value={v.fullName} aria-label={T.unitFullName} />
          <button type="submit" class="secondary">
            {T.save}
          </button>
        </form>
      </section>
      {v.lines ? <BodyLines lines={v.lines.own} peers={v.lines.peers} /> : null}
      {v.hasParts ? <SummingReport v={v} /> : null}
      <section class="box">
        <h2>{T.remindersTitle}</h2>
        <p>{v.remindersOff ? T.remindersOffText : T.remindersOn}</p>
        <Switch v={v} action="reminders" field="off" value={!v.remindersOff}>
          {v.remindersOff ? T.turnOn : T.turnOff}
        </Switch>
      </section>
      <section class="box">
        <h2>{T.history}</h2>
        <ol class="history">
          {(v.review?.verdicts ?? []).map((x) => (
            <li>
              {day(x.at)} · {x.who || T.someone('supervisor')} ·{' '}
              {T.verdictHistory(T.verdictStates[x.verdict]!, x.message, x.reason)}
            </li>
          ))}
          {v.history.map((h) => (
            <li>
              {day(h.at)} · {h.who || T.someone(h.role)} · {v.channel(h.channel)} ·{' '}
              {T.actions[h.action] ?? h.action}
              {T.edits(h.edits)}
              {h.comment ? <div class="muted">{h.comment}</div> : null}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/**
 * Bodies the roll-up page links to; the rest are in the status list filtered to the submitted (a
 * province's roll-up includes tens of thousands, and the page must still open on a phone).
 */
export const ROLLUP_LISTED = 200;

export function RollupPage({
  base,
  year,
  included,
  all,
  errors,
  warnings,
}: {
  base: string;
  year: number;
  included: { id: number; name: string }[];
  all: number;
  errors: Finding[];
  warnings: Finding[];
}) {
  return (
    <>
      <p>
        <a href={`${base}?year=${year}`}>← {T.back}</a>
      </p>
      <p>{T.rollupIncluded(included.length, all)}</p>
      <p class="tools">
        {(['html', 'docx', 'text', 'json'] as const).map((f) => (
          <a class="button secondary" href={`${base}/rollup?year=${year}&format=${f}`}>
            {T.formats[f]}
          </a>
        ))}
      </p>
      <section class={`box ${errors.length ? 'alert' : 'notice'}`}>
        <h2>{T.rollupChecks}</h2>
        {errors.length ? (
          <ol>
            {errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ol>
        ) : (
          <p>{T.rollupOk}</p>
        )}
        {warnings.length ? (
          <ol class="muted">
            {warnings.map((w) => (
              <li>{w.message}</li>
            ))}
          </ol>
        ) : null}
      </section>
      <section class="box">
        <ol>
          {included.slice(0, ROLLUP_LISTED).map((b) => (
            <li>
              <a href={`${base}/body/${b.id}?year=${year}`}>{b.name}</a>
            </li>
          ))}
        </ol>
        {included.length > ROLLUP_LISTED ? (
          <p>
            <a href={`${base}?year=${year}&status=submitted`}>
              {T.rollupMore(included.length - ROLLUP_LISTED)}
            </a>
          </p>
        ) : null}
      </section>
    </>
  );
}

export interface AuditView {
  base: string;
  year: number;
  results?: Audited[];
  refused?: string[];
}

/** The audit: choose published reports (or paste one), then each one's body, figures and findings. */
export function AuditPage({ v }: { v: AuditView }) {
  return (
    <>
      <h2>{A.title(v.year)}</h2>
      {v.refused?.length ? (
        <div class="box notice">
          {v.refused.map((r) => (
            <p>{r}</p>
          ))}
        </div>
      ) : null}
      {v.results ? (
        <>
          <p>{A.resultTitle(v.year, v.results.length)}</p>
          <table class="list">
            <thead>
              <tr>
                {A.columns.map((c) => (
                  <th>{c}</th>
                ))}
              </tr>
            </thead>
            <tbody>
              {v.results.map((r) => (
                <tr>
                  <td>{r.file}</td>
                  <td>{r.title || '—'}</td>
                  <td>
                    {r.body ? <a href={`${v.base}/body/${r.body.id}?year=${v.year}`}>{r.body.name}</a> : '—'}
                  </td>
                  <td>
                    {r.read} / {r.of}
                  </td>
                  <td>{r.errors}</td>
                  <td>{r.warnings}</td>
                  <td>
                    {A.outcomes[r.outcome]}
                    {r.outcome === 'unmatched' || r.outcome === 'ambiguous' ? (
                      <form method="post" action={`${v.base}/audit/assign?year=${v.year}`}>
                        <textarea name="text" hidden>
                          {r.text}
                        </textarea>
                        <input
                          name="body"
                          required
                          maxlength={100}
                          placeholder={A.assignPlaceholder}
                          aria-label={A.assign}
                        />
                        <button type="submit" class="secondary">
                          {A.assignButton}
                        </button>
                      </form>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <form
        method="post"
        action={`${v.base}/audit?year=${v.year}`}
        enctype="multipart/form-data"
        class="box"
        {...PDF_FORM}
      >
        <p>{A.how}</p>
        <p>
          <label>
            {A.files}{' '}
            <input type="file" name="files" multiple accept={`${REPORT_FILES},.zip,application/zip`} />
          </label>
        </p>
        <p data-pdf-status hidden role="status" />
        <p>
          <label>
            {A.paste}
            <textarea
              name="text"
              rows={8}
              maxlength={200_000}
              style="display:block;width:100%;box-sizing:border-box"
            />
          </label>
        </p>
        <button type="submit">{A.submit}</button>
        <a class="button secondary" href={`${v.base}?year=${v.year}`}>
          {A.back}
        </a>
      </form>
      <ImportScript />
    </>
  );
}

export interface CompareView {
  base: string;
  year: number;
  orgId: number;
  name: string;
  /** null: one of the two years has no report. */
  comparison: Comparison | null;
  missing?: string;
}

const shown = (v: CellValue | undefined) =>
  v === undefined ? T.compareBlank : v === NOT_APPLICABLE ? T.compareNotApplicable : String(v);
/** The change between two figures; none when either is not a number (blank or 不适用). */
const delta = (a: CellValue | undefined, b: CellValue | undefined) => {
  if (typeof a !== 'number' || typeof b !== 'number' || a === b) return '';
  const d = Math.round((b - a) * 1e6) / 1e6;
  return d > 0 ? `+${d}` : String(d);
};

/** This year's report beside last year's: the page a reviewer prints. */
export function ComparePage({ v }: { v: CompareView }) {
  const columns = T.compareColumns(v.year);
  return (
    <>
      <p class="noprint">
        <a href={`${v.base}/body/${v.orgId}?year=${v.year}`}>← {v.name}</a>
      </p>
      <h2>{T.compareTitle(v.name, v.year)}</h2>
      {v.comparison === null ? (
        <p class="box">{v.missing}</p>
      ) : (
        <>
          {v.comparison.tables.map((t) => (
            <section class="box">
              <h3>{T.compareTables[t.section]}</h3>
              <p class="muted">{T.compareChanged(t.figures.filter((f) => f.changed).length)}</p>
              <table class="list">
                <thead>
                  <tr>
                    {columns.map((c) => (
                      <th>{c}</th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {t.figures.map((f) => (
                    <tr class={f.changed ? 'changed' : undefined} data-path={f.path}>
                      <td class="name">{f.label}</td>
                      <td data-label={columns[1]}>{shown(f.before)}</td>
                      <td data-label={columns[2]}>{shown(f.now)}</td>
                      <td class="delta" data-label={columns[3]}>
                        {delta(f.before, f.now)}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </section>
          ))}
          <p class="muted">{T.compareLegend}</p>
          {v.comparison.texts.map((t) => (
            <section class="box diff" data-path={t.path}>
              <h3>{t.name}</h3>
              {t.alike === null ? null : <p class="muted">{T.compareAlike(t.alike)}</p>}
              <p>
                {t.pieces.map((p) =>
                  p.kind === 'same' ? p.text : p.kind === 'added' ? <ins>{p.text}</ins> : <del>{p.text}</del>,
                )}
              </p>
            </section>
          ))}
        </>
      )}
    </>
  );
}
