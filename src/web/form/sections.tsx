// The form's sections as server-rendered hono/jsx: one section per screen, every input named by its
// canonical path, totals shown as outputs (never typed). Works as a plain HTML form without scripts.
import type { Child } from 'hono/jsx';
import type { Form, OrgKind } from '../../../forms';
import { s3Path, s4Path } from '../../../forms/model';
import { figuresInUse } from '../../engine/answers';
import { draftFromValues, type Value } from '../../engine/edits';
import { formatAmount } from '../../engine/numbers';
import { FORM_COPY as T } from '../copy';

export interface SectionProps {
  form: Form;
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
  const cell = p.form.cellByPath.get(path)!;
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

/** A section that is free text: its parts, each with its sub-heading (if any) and hint. */
function Texts({ p, section, extra }: { p: SectionProps; section: string; extra?: Child }) {
  return (
    <>
      {p.form.texts
        .filter((t) => t.section === section)
        .map((t) => (
          <TextArea path={t.path} p={p} heading={t.heading || undefined} hint={t.hint} extra={extra} />
        ))}
    </>
  );
}

function S1({ p }: { p: SectionProps }) {
  return <Texts p={p} section="s1" />;
}

function S2({ p }: { p: SectionProps }) {
  return (
    <>
      {p.form.s2.notApplicable && <p class="hint">{T.notApplicableHint}</p>}
      {p.form.s2.tables.map((table) => (
        <fieldset>
          <legend>{table.heading}</legend>
          {table.rows.map((row) => {
            const byLaw = row.askedOf !== undefined && !row.askedOf.includes(p.kind);
            const cols = p.form
              .cellsOf('s2')
              .filter((c) => c.row === row.id)
              .map((c) => ({
                path: c.path,
                label: table.columns?.find((x) => x.key === c.column)?.label ?? table.single?.label ?? '',
              }));
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

/** Applicant columns shown: those chosen, or holding a figure; the first when nothing is known yet. */
function visibleColumns(form: Form, values: Record<string, Value>): number[] {
  const inUse = figuresInUse(
    form,
    draftFromValues(form, { org: { name: '' }, year: 0 }, values).report,
  ).columns;
  const chosen = new Set([...((values['flow.s3Columns'] as number[] | null) ?? []), ...inUse]);
  if (chosen.size === 0) chosen.add(form.s3Index.applicants[0]!);
  return [...chosen].sort((a, b) => a - b);
}

function S3({ p }: { p: SectionProps }) {
  const { form } = p;
  const any = p.values['flow.s3Any'] as boolean | null;
  const visible = visibleColumns(form, p.values);
  const total = form.s3Index.total;
  const width = form.s3.columns.length + 1;
  const col = (c: number) => ({ 'data-col': String(c), hidden: !visible.includes(c) || undefined });
  const firstResult = form.s3.rows.find((r) => r.role === 'result')?.id;
  const groupSeen = new Set<string>();
  const groupOpen = (g: string) =>
    form.s3.rows.some(
      (r) => r.group === g && visible.some((c) => ((p.values[s3Path(r.id, c)] as number | null) ?? 0) > 0),
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
          {form.s3Index.applicants.map((c) => (
            <label>
              <input
                type="checkbox"
                name="flow.s3Columns"
                value={String(c)}
                checked={visible.includes(c)}
                data-flow="flow.s3Columns"
              />{' '}
              {form.s3.columns[c]!.label}
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
                {form.s3Index.applicants.map((c) => (
                  <th {...col(c)}>{form.s3.columns[c]!.short}</th>
                ))}
                <th>{form.s3.columns[total]!.label}</th>
              </tr>
            </thead>
            <tbody>
              {form.s3.rows.map((row) => {
                const group = row.group;
                const lead: Child[] = [];
                if (row.id === firstResult) {
                  lead.push(
                    <tr class="group">
                      <th colspan={width}>
                        <span>{form.s3.resultsHeading}</span>
                      </th>
                    </tr>,
                  );
                }
                if (group && !groupSeen.has(group)) {
                  groupSeen.add(group);
                  lead.push(
                    <tr class="group sub" data-group={group} data-open={groupOpen(group) ? '1' : '0'}>
                      <th colspan={width}>
                        <span>{form.s3.groups[group] ?? group}</span>
                      </th>
                    </tr>,
                  );
                }
                return (
                  <>
                    {lead}
                    <tr data-row={row.id} data-in-group={group}>
                      <th class="rowlabel">{row.label}</th>
                      {form.s3Index.applicants.map((c) => (
                        <td {...col(c)}>
                          {row.role === 'total' ? (
                            <Total path={s3Path(row.id, c)} p={p} />
                          ) : (
                            <NumberInput
                              path={s3Path(row.id, c)}
                              p={p}
                              label={`${row.short}·${form.s3.columns[c]!.short}`}
                            />
                          )}
                        </td>
                      ))}
                      <td>
                        <Total path={s3Path(row.id, total)} p={p} />
                      </td>
                    </tr>
                    <tr class="findings-row" data-findings-row={row.id} hidden>
                      <td colspan={width} class="findings" data-findings={`s3.${row.id}`} />
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

function S4({ p }: { p: SectionProps }) {
  const any = p.values['flow.s4Any'] as boolean | null;
  return (
    <>
      <YesNo name="flow.s4Any" question={T.s4Question} value={any} />
      <p class="hint" data-when="flow.s4Any=0" hidden={any !== false || undefined}>
        {T.noCases}
      </p>
      <div data-when="flow.s4Any=1" hidden={any !== true || undefined}>
        {p.form.s4.groups.map((g) => (
          <fieldset data-field={`s4.${g.id}`}>
            <legend>{g.short}</legend>
            {p.form.s4.fields.map((f) =>
              f.total ? (
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

function S5({ p }: { p: SectionProps }) {
  return <Texts p={p} section="s5" />;
}

function S6({ p }: { p: SectionProps }) {
  return (
    <Texts
      p={p}
      section="s6"
      extra={
        <button type="button" class="secondary" data-insert={p.form.s6.noFees} data-target="s6" hidden>
          {T.insertNoFees}
        </button>
      }
    />
  );
}

export const SECTION_VIEWS = [S1, S2, S3, S4, S5, S6] as const;
