// The form's sections as server-rendered hono/jsx: one section per screen, every input named by its
// canonical path, totals shown as outputs (never typed). Works as a plain HTML form without scripts.
import type { Child } from 'hono/jsx';
import { CELL_BY_PATH, s3Path, s4Path } from '../../../forms/model';
import {
  S1_PARTS,
  S2_TABLES,
  S3_APPLICANT_COLUMNS,
  S3_COLUMNS,
  S3_GROUPS,
  S3_RESULTS_HEADING,
  S3_ROWS,
  S3_TOTAL_COLUMN,
  S4_FIELDS,
  S4_GROUPS,
  S5_HINT,
  S6_HINT,
  SECTIONS,
  type OrgKind,
  type S3GroupId,
} from '../../../forms/report-2021';
import type { Value } from '../../engine/edits';
import { formatAmount } from '../../engine/numbers';
import { FORM_COPY as T } from '../copy';

export interface SectionProps {
  values: Record<string, Value>;
  /** Computed totals, by path. */
  totals: Record<string, number>;
  kind: OrgKind;
  /** What was typed but could not be read, by path (no-script saves). */
  typed: Record<string, string>;
  problems: Record<string, string>;
}

const show = (v: Value, kind: 'count' | 'amount' = 'count') =>
  v === null || v === undefined
    ? ''
    : typeof v === 'number' && kind === 'amount'
      ? formatAmount(v)
      : String(v);

/** A number input, with the value it was based on for merging, and room for messages. */
function NumberInput({ path, p, label }: { path: string; p: SectionProps; label: string }) {
  const cell = CELL_BY_PATH.get(path)!;
  const value = p.typed[path] ?? show(p.values[path] ?? null, cell.kind);
  return (
    <span class="cell" data-cell={path}>
      <input
        name={path}
        data-path={path}
        data-kind={cell.kind}
        value={value}
        inputmode={cell.kind === 'amount' ? 'decimal' : 'numeric'}
        autocomplete="off"
        aria-label={label}
        class={p.problems[path] ? 'bad' : undefined}
      />
      <input type="hidden" name={`was.${path}`} value={show(p.values[path] ?? null, cell.kind)} />
      <small class="norm" data-norm={path}>
        {p.problems[path] ?? ''}
      </small>
    </span>
  );
}

function Total({ path, p }: { path: string; p: SectionProps }) {
  return (
    <output data-path={path} class="total">
      {String(p.totals[path] ?? 0)}
    </output>
  );
}

function TextArea({
  path,
  p,
  heading,
  hint,
  extra,
}: {
  path: string;
  p: SectionProps;
  heading?: string;
  hint: string;
  extra?: Child;
}) {
  const value = (p.values[path] as string | null) ?? '';
  return (
    <div class="field" data-field={path}>
      {heading ? <h3>{heading}</h3> : null}
      <p class="hint">{hint}</p>
      <textarea name={path} data-path={path} rows={6} aria-label={heading ?? hint}>
        {value}
      </textarea>
      <input type="hidden" name={`was.${path}`} value={value} />
      {extra}
      <div class="findings" data-findings={path} />
    </div>
  );
}

export function S1({ p }: { p: SectionProps }) {
  return (
    <>
      {S1_PARTS.map((part) => (
        <TextArea path={`s1.${part.id}`} p={p} heading={part.heading} hint={part.hint} />
      ))}
    </>
  );
}

export function S2({ p }: { p: SectionProps }) {
  return (
    <>
      {S2_TABLES.map((table) => (
        <fieldset>
          <legend>{table.heading}</legend>
          {table.rows.map((row) => {
            const byLaw = 'askedOf' in row && !(row.askedOf as readonly OrgKind[]).includes(p.kind);
            const cols =
              'columns' in table
                ? table.columns.map((c) => ({ path: `s2.${row.id}.${c.key}`, label: c.label }))
                : [{ path: `s2.${row.id}`, label: table.single.label }];
            return (
              <div class="row2" data-field={`s2.${row.id}`}>
                <div class="rowlabel">{row.label}</div>
                {byLaw ? (
                  <p class="hint">{T.rulesByLaw}</p>
                ) : (
                  cols.map((c) => (
                    <label class="pair">
                      <span>{c.label}</span>
                      <NumberInput path={c.path} p={p} label={`${row.label}·${c.label}`} />
                    </label>
                  ))
                )}
                <div class="findings" data-findings={`s2.${row.id}`} />
              </div>
            );
          })}
        </fieldset>
      ))}
      <ZeroButton />
    </>
  );
}

function ZeroButton() {
  return (
    <p>
      <button type="submit" name="go" value="zero" class="secondary" data-zero>
        {T.fillZero}
      </button>
    </p>
  );
}

function YesNo({ name, question, value }: { name: string; question: string; value: Value }) {
  return (
    <fieldset class="gate">
      <legend>{question}</legend>
      <label>
        <input type="radio" name={name} value="1" checked={value === true} data-flow={name} /> {T.yes}
      </label>
      <label>
        <input type="radio" name={name} value="0" checked={value === false} data-flow={name} /> {T.no}
      </label>
      <input type="hidden" name={`was.${name}`} value={value === null ? '' : value ? '1' : '0'} />
    </fieldset>
  );
}

/** Applicant columns shown: those chosen, or holding a figure; 自然人 when nothing is known yet. */
export function visibleColumns(values: Record<string, Value>): number[] {
  const chosen = new Set((values['flow.s3Columns'] as number[] | null) ?? []);
  for (const c of S3_APPLICANT_COLUMNS) {
    if (S3_ROWS.some((r) => ((values[s3Path(r.id, c)] as number | null) ?? 0) > 0)) chosen.add(c);
  }
  if (chosen.size === 0) chosen.add(0);
  return [...chosen].sort((a, b) => a - b);
}

export function S3({ p }: { p: SectionProps }) {
  const any = p.values['flow.s3Any'] as boolean | null;
  const visible = visibleColumns(p.values);
  const col = (c: number) => ({ 'data-col': String(c), hidden: !visible.includes(c) || undefined });
  const groupSeen = new Set<S3GroupId>();
  const groupOpen = (g: S3GroupId) =>
    S3_ROWS.some(
      (r) =>
        'group' in r &&
        r.group === g &&
        visible.some((c) => ((p.values[s3Path(r.id, c)] as number | null) ?? 0) > 0),
    );
  return (
    <>
      <YesNo name="flow.s3Any" question={T.s3Question} value={any} />
      <p class="hint" data-when="flow.s3Any=0" hidden={any !== false || undefined}>
        {T.noApplications}
      </p>
      <div data-when="flow.s3Any=1" hidden={any !== true || undefined}>
        <fieldset class="columns">
          <legend>{T.applicants}</legend>
          {S3_APPLICANT_COLUMNS.map((c) => (
            <label>
              <input
                type="checkbox"
                name="flow.s3Columns"
                value={String(c)}
                checked={visible.includes(c)}
                data-flow="flow.s3Columns"
              />{' '}
              {S3_COLUMNS[c]!.label}
            </label>
          ))}
          <input
            type="hidden"
            name="was.flow.s3Columns"
            value={((p.values['flow.s3Columns'] as number[] | null) ?? []).join(',')}
          />
          <button type="submit" name="go" value="stay" class="secondary noscript-only">
            {T.showColumns}
          </button>
        </fieldset>
        <div class="scroll">
          <table class="t3">
            <thead>
              <tr>
                <th />
                {S3_APPLICANT_COLUMNS.map((c) => (
                  <th {...col(c)}>{S3_COLUMNS[c]!.short}</th>
                ))}
                <th>{S3_COLUMNS[S3_TOTAL_COLUMN]!.label}</th>
              </tr>
            </thead>
            <tbody>
              {S3_ROWS.map((row) => {
                const group = 'group' in row ? row.group : undefined;
                const lead: Child[] = [];
                if (row.id === 'granted') {
                  lead.push(
                    <tr class="group">
                      <th colspan={8}>{S3_RESULTS_HEADING}</th>
                    </tr>,
                  );
                }
                if (group && !groupSeen.has(group)) {
                  groupSeen.add(group);
                  lead.push(
                    <tr class="group sub" data-group={group} data-open={groupOpen(group) ? '1' : '0'}>
                      <th colspan={8}>{S3_GROUPS[group]}</th>
                    </tr>,
                  );
                }
                return (
                  <>
                    {lead}
                    <tr data-row={row.id} data-in-group={group}>
                      <th class="rowlabel">{row.role === 'result' && group ? row.label : row.label}</th>
                      {S3_APPLICANT_COLUMNS.map((c) => (
                        <td {...col(c)}>
                          {row.role === 'total' ? (
                            <Total path={s3Path(row.id, c)} p={p} />
                          ) : (
                            <NumberInput
                              path={s3Path(row.id, c)}
                              p={p}
                              label={`${row.short}·${S3_COLUMNS[c]!.short}`}
                            />
                          )}
                        </td>
                      ))}
                      <td>
                        <Total path={s3Path(row.id, S3_TOTAL_COLUMN)} p={p} />
                      </td>
                    </tr>
                    <tr class="findings-row" data-findings-row={row.id} hidden>
                      <td colspan={8} class="findings" data-findings={`s3.${row.id}`} />
                    </tr>
                  </>
                );
              })}
            </tbody>
          </table>
        </div>
        <ZeroButton />
      </div>
    </>
  );
}

export function S4({ p }: { p: SectionProps }) {
  const any = p.values['flow.s4Any'] as boolean | null;
  return (
    <>
      <YesNo name="flow.s4Any" question={T.s4Question} value={any} />
      <p class="hint" data-when="flow.s4Any=0" hidden={any !== false || undefined}>
        {T.noCases}
      </p>
      <div data-when="flow.s4Any=1" hidden={any !== true || undefined}>
        {S4_GROUPS.map((g) => (
          <fieldset data-field={`s4.${g.id}`}>
            <legend>{g.short}</legend>
            {S4_FIELDS.map((f) =>
              f.id === 'total' ? (
                <label class="pair">
                  <span>{T.total}</span>
                  <Total path={s4Path(g.id, f.id)} p={p} />
                </label>
              ) : (
                <label class="pair">
                  <span>{f.label}</span>
                  <NumberInput path={s4Path(g.id, f.id)} p={p} label={`${g.short}·${f.label}`} />
                </label>
              ),
            )}
            <div class="findings" data-findings={`s4.${g.id}`} />
          </fieldset>
        ))}
        <ZeroButton />
      </div>
    </>
  );
}

export function S5({ p }: { p: SectionProps }) {
  return <TextArea path="s5" p={p} hint={S5_HINT} />;
}

export function S6({ p }: { p: SectionProps }) {
  return (
    <TextArea
      path="s6"
      p={p}
      hint={S6_HINT}
      extra={
        <button type="button" class="secondary" data-insert={T.noFeesSentence} data-target="s6" hidden>
          {T.insertNoFees}
        </button>
      }
    />
  );
}

export const SECTION_VIEWS = [S1, S2, S3, S4, S5, S6] as const;
export const sectionTitle = (i: number) => `${SECTIONS[i]!.no}、${SECTIONS[i]!.title}`;
