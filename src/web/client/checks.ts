// Live totals and rule findings beside the cells, as the official types: the same engine as the
// server computes them from the values on the page.
import type { Form } from '../../../forms';
import { getCell } from '../../../forms/model';
import { checkReport, type Finding } from '../../engine/check';
import { draftFromValues, type Value } from '../../engine/edits';
import type { DraftReport } from '../../engine/draft';

const doc = document;

const all = <T extends Element>(selector: string) =>
  Array.prototype.slice.call(doc.querySelectorAll(selector)) as T[];

export const fieldFor = (path: string) =>
  doc.querySelector(`[data-path="${path}"]`) as HTMLInputElement | HTMLTextAreaElement | null;

export function visible(el: Element): boolean {
  for (let n: Element | null = el; n; n = n.parentElement) if ((n as HTMLElement).hidden) return false;
  return true;
}

/** The element under which a finding about a cell is shown: its row, group or field. */
function findingsHost(form: Form, path: string): Element | null {
  const cell = form.cellByPath.get(path);
  return doc.querySelector(`[data-findings="${cell ? `${cell.section}.${cell.row}` : path}"]`);
}

export interface Context {
  form: Form;
  org: DraftReport['org'];
  year: number;
  previous: DraftReport | null;
}

/**
 * Recomputes the totals shown and the findings beside the cells from the current values. A finding
 * is shown under the row the person typed in last when that cell is one it is about, else under the
 * last of its cells on the screen.
 */
export function recompute(
  ctx: Context,
  current: Record<string, Value>,
  lastEdited: string | null = null,
): void {
  const { form } = ctx;
  const draft = draftFromValues(form, { org: ctx.org, year: ctx.year }, current);
  for (const out of all<HTMLOutputElement>('output[data-path]')) {
    const cell = form.cellByPath.get(out.getAttribute('data-path')!);
    out.textContent = String((cell && getCell(draft.report, cell)) ?? 0);
  }
  for (const h of all<HTMLElement>('[data-findings]')) {
    h.textContent = '';
    const row = h.closest('tr.findings-row') as HTMLElement | null;
    if (row) row.hidden = true;
  }
  for (const el of all<HTMLElement>('[data-path]')) el.classList.remove('rule');
  const { errors, warnings } = checkReport(form, draft.report, ctx.previous ?? undefined);
  const shown = (f: Finding) =>
    f.cells.some((c) => current[c] !== null && current[c] !== undefined) || f.severity === 'error';
  for (const f of [...errors, ...warnings.filter(shown)]) {
    const here = f.cells.map((c) => ({ c, el: fieldFor(c) })).filter((x) => x.el && visible(x.el));
    if (!here.length) continue;
    const near = here.find((x) => x.c === lastEdited) ?? here[here.length - 1]!;
    const host = findingsHost(form, near.c);
    if (!host) continue;
    const p = doc.createElement('p');
    p.className = f.severity === 'error' ? 'error' : 'warn';
    p.textContent = f.message;
    host.appendChild(p);
    const row = host.closest('tr.findings-row') as HTMLElement | null;
    if (row) row.hidden = false;
    if (f.severity === 'error') for (const x of here) x.el!.classList.add('rule');
  }
}
