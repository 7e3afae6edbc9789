// Charts as server-rendered SVG: a bar per body (sorted, longest first) and a line over the years.
// Each has a <title> and is followed by a table of the same numbers, so a screen reader, a printout
// and a phone too narrow to read the bars all have the figures. No script, no library.

/** One bar or point: its label, its value (null: cannot be computed, drawn as no bar and "—"). */
export interface Datum {
  label: string;
  value: number | null;
  /** The value as written (12, 87.5%, —). */
  shown: string;
}

const W = 360;
const ROW = 22;
const LABEL = 116;
const BAR = W - LABEL - 52;

/** Cuts a long name so it fits the label column (the table beneath has it whole). */
const short = (s: string) => (s.length > 8 ? `${s.slice(0, 7)}…` : s);

export function BarChart({ id, title, data }: { id: string; title: string; data: readonly Datum[] }) {
  const max = Math.max(0, ...data.map((d) => d.value ?? 0));
  const h = data.length * ROW + 4;
  return (
    <Svg id={id} title={title} height={h} kind="chart">
      {data.map((d, i) => {
        const y = i * ROW + 2;
        const len = !d.value || max === 0 ? 0 : Math.max(1, (d.value / max) * BAR);
        return (
          <g data-label={d.label} data-value={d.shown}>
            <text x={LABEL - 6} y={y + 15} text-anchor="end" class="lbl">
              {short(d.label)}
            </text>
            <rect x={LABEL} y={y + 3} width={len.toFixed(1)} height={ROW - 8} rx="2" />
            <text x={LABEL + len + 4} y={y + 15} class="val">
              {d.shown}
            </text>
          </g>
        );
      })}
    </Svg>
  );
}

/** The chart's frame: scaled to the width, an image to assistive technology, named by its title. */
function Svg(props: { id: string; title: string; height: number; kind: string; children: unknown }) {
  return (
    <svg
      class={props.kind}
      viewBox={`0 0 ${W} ${props.height}`}
      width="100%"
      role="img"
      aria-labelledby={`${props.id}-t`}
      data-chart={props.id}
    >
      <title id={`${props.id}-t`}>{props.title}</title>
      {props.children}
    </svg>
  );
}

export function LineChart({ id, title, data }: { id: string; title: string; data: readonly Datum[] }) {
  const h = 140;
  const known = data.filter((d) => d.value !== null).map((d) => d.value!);
  const max = Math.max(0, ...known);
  const step = data.length > 1 ? (W - 60) / (data.length - 1) : 0;
  const at = (i: number, v: number) => ({
    x: 30 + i * step,
    y: 110 - (max === 0 ? 0 : (v / max) * 90),
  });
  const points = data
    .map((d, i) => (d.value === null ? null : at(i, d.value)))
    .filter((p): p is { x: number; y: number } => p !== null);
  return (
    <Svg id={id} title={title} height={h} kind="chart line">
      <line x1="20" y1="112" x2={W - 10} y2="112" class="axis" />
      {points.length > 1 ? (
        <polyline points={points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' ')} />
      ) : null}
      {data.map((d, i) => {
        const p = d.value === null ? null : at(i, d.value);
        const x = 30 + i * step;
        return (
          <g data-label={d.label} data-value={d.shown}>
            {p ? <circle cx={p.x.toFixed(1)} cy={p.y.toFixed(1)} r="3.5" /> : null}
            <text x={x.toFixed(1)} y={p ? (p.y - 8).toFixed(1) : '100'} text-anchor="middle" class="val">
              {d.shown}
            </text>
            <text x={x.toFixed(1)} y="130" text-anchor="middle" class="lbl">
              {d.label}
            </text>
          </g>
        );
      })}
    </Svg>
  );
}

export const CHART_CSS = `
.chart{display:block;max-width:40rem;margin:.4rem 0;font-size:11px}
.chart rect{fill:#1e4fa3}.chart .lbl{fill:#444}.chart .val{fill:#1f2328;font-weight:600}
.chart polyline{fill:none;stroke:#1e4fa3;stroke-width:2}.chart circle{fill:#1e4fa3}.chart .axis{stroke:#c5cbd3}
.figs{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem}
.figs div{background:#fff;border:1px solid #d0d7e2;border-radius:.5rem;padding:.5rem .6rem}.figs b{display:block;font-size:1.3rem}
.risk{border-color:#e6c35c;background:#fffaf0}
table.nums{border-collapse:collapse;font-size:.85rem;margin:.3rem 0 .6rem}table.nums td,table.nums th{border:1px solid #e1e5ea;padding:.2rem .45rem;text-align:right}
table.nums td:first-child,table.nums th:first-child{text-align:left}
details.defs summary{cursor:pointer;color:#1e4fa3}
@media print{.chart{max-width:100%}section.fig{break-inside:avoid}}
`;
