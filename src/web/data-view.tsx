// The supervisor's data view: the figures reviewers compute (src/engine/stats.ts) for the subtree
// and each body, as SVG charts with their tables, the bodies that stand out, and a body's own lines
// over the years. Printable on A4 (the page a 政务公开办 attaches to its annual summary).
import { STATS_COPY as S } from '../engine/copy';
import {
  byName,
  changeOf,
  FIGURE_IDS,
  figuresOf,
  showFigure,
  type Counts,
  type FigureId,
  type Figures,
  type Risk,
} from '../engine/stats';
import { LINE_FIGURES, type PeerMedians, type SubtreeStats } from '../services/stats';
import { BarChart, LineChart, type Datum } from './charts';
import { DASHBOARD_COPY as T } from './copy';

/** Bars drawn (and listed) per chart; the CSV has every body. */
export const MAX_BARS = 30;

const name = (id: FigureId) => S.figures[id][0];
const definition = (id: FigureId) => S.figures[id][1];

/** A body as the charts rank it: its figures, and its place in pinyin order (for ties). */
interface Ranked {
  name: string;
  figures: Figures;
  order: number;
}

/** The bodies' figures once for every chart, each with its place by name. */
export function forCharts(bodies: readonly { name: string; now: Counts }[]): Ranked[] {
  const out = bodies.map((b) => ({ name: b.name, figures: figuresOf(b.now), order: 0 }));
  [...out].sort((a, b) => byName(a.name, b.name)).forEach((b, i) => (b.order = i));
  return out;
}

/**
 * The first `n` bodies by a figure, largest first, those without one last (ties by name): one pass
 * keeping the `n` best, since a province has 100,000 bodies and a chart 30 bars.
 */
export function ranked(bodies: readonly Ranked[], id: FigureId, n: number): Datum[] {
  const value = (b: Ranked) => b.figures[id] ?? -Infinity;
  const before = (a: Ranked, b: Ranked) => value(b) - value(a) || a.order - b.order;
  const top: Ranked[] = [];
  if (n <= 0) return [];
  for (const b of bodies) {
    if (top.length === n && before(b, top[n - 1]!) >= 0) continue;
    let i = top.length;
    while (i > 0 && before(b, top[i - 1]!) < 0) i--;
    top.splice(i, 0, b);
    if (top.length > n) top.pop();
  }
  return top.map((b) => ({ label: b.name, value: b.figures[id], shown: showFigure(id, b.figures[id]) }));
}

/** The numbers of a chart as a table: a header row, then one row per bar or point. */
function Numbers({ head, rows }: { head: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    <table class="nums">
      <thead>
        <tr>
          {head.map((h) => (
            <th>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            {r.map((c) => (
              <td>{c}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const pairs = (data: readonly Datum[]) => data.map((d) => [d.label, d.shown]);

function riskText(r: Risk): string {
  switch (r.kind) {
    case 'correction':
      return S.risks.correction(
        r.name,
        showFigure('correction', r.value),
        showFigure('correction', r.against),
      );
    case 'dropToZero':
      return S.risks.dropToZero(r.name, r.against);
    case 'substantiveHalved':
      return S.risks.substantiveHalved(
        r.name,
        showFigure('substantive', r.value),
        showFigure('substantive', r.against),
      );
    case 'carried':
      return S.risks.carried(r.name, showFigure('carryRate', r.value));
  }
}

/** A figure over the years, one point a year. */
const overYears = (years: readonly YearCounts[], id: FigureId): Datum[] =>
  years.map((y) => {
    const value = figuresOf(y.counts)[id];
    return { label: String(y.year), value, shown: showFigure(id, value) };
  });

/** A line of the subtree's (or a body's) figure over the years. */
function YearsLine({ id, years, prefix }: { id: FigureId; years: readonly YearCounts[]; prefix: string }) {
  const data = overYears(years, id);
  return (
    <section class="fig">
      <h3>{T.statsLine(name(id))}</h3>
      <LineChart id={`${prefix}-${id}`} title={T.statsLine(name(id))} data={data} />
      <Numbers rows={pairs(data)} head={[T.statsYear, name(id)]} />
    </section>
  );
}

export interface YearCounts {
  year: number;
  counts: Counts;
}

export function DataView({ base, year, stats }: { base: string; year: number; stats: SubtreeStats }) {
  const all = figuresOf(stats.subtree);
  const s = stats.status;
  const bodies = forCharts(stats.bodies);
  return (
    <>
      <p class="noprint">
        <a href={`${base}?year=${year}`}>← {T.back}</a>
      </p>
      <div class="tools">
        <a class="button secondary" href={`${base}/stats.csv?year=${year}`}>
          {T.statsCsv}
        </a>
        <span class="muted">{T.statsPrint}</span>
      </div>
      <section class="box">
        <h2>{T.statsHeadline(year)}</h2>
        <div class="figs">
          <div>
            {T.statsSubmitted}
            <b data-fig="submitted">
              {s.submitted}/{s.all}
            </b>
            <span class="muted">{T.statsOnTime(s.submitted - stats.late, stats.late, s.returned)}</span>
          </div>
          <div>
            {name('received')}
            <b data-fig="received">{showFigure('received', all.received)}</b>
            <span class="muted">
              {T.statsChange(changeOf(stats.subtree.received, stats.lastYear.received) ?? '—')}
            </span>
          </div>
          {(['substantive', 'correction', 'carryRate'] as const).map((id) => (
            <div>
              {name(id)}
              <b data-fig={id}>{showFigure(id, all[id])}</b>
            </div>
          ))}
        </div>
      </section>
      <section class="box risk">
        <h2>{T.statsRisks}</h2>
        {stats.risks.length === 0 ? (
          <p>{T.statsNoRisks}</p>
        ) : (
          <ul>
            {stats.risks.map((r) => (
              <li data-risk={r.kind}>
                <a href={`${base}/body/${r.id}?year=${year}`}>{riskText(r)}</a>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section class="box">
        <h2>{T.statsYears}</h2>
        {(['received', 'substantive', 'correction'] as const).map((id) => (
          <YearsLine id={id} years={stats.years} prefix="years" />
        ))}
      </section>
      <section class="box">
        <h2>{T.statsBodies(stats.bodies.length)}</h2>
        {stats.bodies.length > MAX_BARS ? <p class="muted">{T.statsTop(MAX_BARS)}</p> : null}
        {FIGURE_IDS.map((id) => {
          const rows = ranked(bodies, id, MAX_BARS);
          const title = T.statsBars(name(id), year);
          return (
            <section class="fig">
              <h3>{name(id)}</h3>
              <BarChart id={`bars-${id}`} title={title} data={rows} />
              <Numbers
                rows={[...pairs(rows), [T.statsAll, showFigure(id, all[id])]]}
                head={[T.statsBody, name(id)]}
              />
            </section>
          );
        })}
      </section>
      <details class="box defs">
        <summary>{T.statsDefinitions}</summary>
        <dl>
          {FIGURE_IDS.map((id) => (
            <>
              <dt>{name(id)}</dt>
              <dd>{definition(id)}</dd>
            </>
          ))}
        </dl>
        <p class="muted">{T.statsNoDenominator}</p>
      </details>
    </>
  );
}

/** A body's own lines over the years, with the median of the bodies beside it for each year. */
export function BodyLines({ lines, peers }: { lines: readonly YearCounts[]; peers: readonly PeerMedians[] }) {
  if (lines.length === 0) return null;
  const medians = new Map(peers.map((p) => [p.year, p]));
  return (
    <section class="box">
      <h2>{T.bodyLines}</h2>
      {LINE_FIGURES.map((id) => {
        const data = overYears(lines, id);
        return (
          <section class="fig">
            <h3>{name(id)}</h3>
            <LineChart id={`body-${id}`} title={T.statsLine(name(id))} data={data} />
            <Numbers
              head={[T.statsYear, T.bodyOwn, T.peersMedian]}
              rows={data.map((d) => {
                const m = medians.get(Number(d.label))?.median[id];
                return [d.label, d.shown, m?.bodies ? T.peersOf(showFigure(id, m.value), m.bodies) : '—'];
              })}
            />
          </section>
        );
      })}
    </section>
  );
}
