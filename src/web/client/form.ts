// The form's script: reads numbers as the bot does, shows totals and the 勾稽 rules beside the cells
// as the official types (the same engine modules as the server), autosaves every change, and keeps
// unsaved changes on the device across reloads and lost connections. Without it the form still works.
import './polyfills';
import { FORMS } from '../../../forms';
import { flowKey, isFlowPath, wipedBy, type FlowValue } from '../../engine/answers';
import type { DraftReport } from '../../engine/draft';
import { draftFromValues, type Value } from '../../engine/edits';
import { formatAmount, parseCell } from '../../engine/numbers';
import { FORM_COPY as T } from '../copy';
import { fieldFor, recompute, visible, type Context } from './checks';
import { showAlert, showConflict } from './conflicts';
import { PendingStore, TypedStore } from './pending';
import { post } from './transport';

interface State {
  token: string;
  version: number;
  values: Record<string, Value>;
  previous: DraftReport | null;
  formVersion: string;
  org: DraftReport['org'];
  year: number;
  section: number;
}

const SAVE_DELAY = 1000;
const RETRY_DELAY = 5000;

const doc = document;
const all = <T extends Element>(selector: string) =>
  Array.prototype.slice.call(doc.querySelectorAll(selector)) as T[];
const stateEl = doc.getElementById('state');
if (stateEl) start(JSON.parse(stateEl.textContent || '{}') as State);

function start(state: State) {
  const form = FORMS.of(state.formVersion);
  if (!form) return;
  doc.documentElement.className += ' js';
  const ctx: Context = { form, org: state.org, year: state.year, previous: state.previous };
  const saved: Record<string, Value> = { ...state.values };
  const current: Record<string, Value> = { ...state.values };
  const key = `nianbao:pending:${state.year}:${state.org.name}`;
  const pending = new PendingStore(key);
  const typed = new TypedStore(`${key}:typed`);
  const conflicts = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  let offline = false;
  /** The field typed in last: a finding about its column is shown beside it. */
  let lastEdited: string | null = null;
  const statusEl = doc.getElementById('status');

  /** The header says the truth: 已保存 only when nothing is pending, unreadable or in conflict. */
  function refreshStatus() {
    if (!statusEl) return;
    // A retry after a failed save is quiet: the header keeps saying 离线 until one gets through.
    const [kind, text] =
      inFlight && !offline
        ? ['saving', T.saving]
        : typed.size()
          ? ['invalid', T.invalid(typed.size())]
          : conflicts.size
            ? ['conflict', T.conflicts(conflicts.size)]
            : pending.size() || inFlight
              ? offline || navigator.onLine === false
                ? ['offline', T.offline]
                : ['unsaved', T.unsaved]
              : ['saved', T.saved];
    statusEl.setAttribute('data-state', kind);
    statusEl.textContent = text;
  }

  const inputs = () => all<HTMLInputElement | HTMLTextAreaElement>('[data-path]');

  function show(path: string, v: Value) {
    const el = fieldFor(path);
    if (!el || el.tagName === 'OUTPUT' || el === doc.activeElement) return;
    const cell = form!.cellByPath.get(path);
    el.value =
      v === null ? '' : typeof v === 'number' && cell?.kind === 'amount' ? formatAmount(v) : String(v);
  }

  function change(path: string, v: Value) {
    current[path] = v;
    pending.change(path, saved[path] ?? null, v);
    recompute(ctx, current, lastEdited);
    if (pending.size()) schedule(SAVE_DELAY);
    refreshStatus();
  }

  function schedule(ms: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, ms);
  }

  function save() {
    if (inFlight || !pending.size()) return;
    inFlight = true;
    refreshStatus();
    // A copy: edits made while this save is on its way stay pending for the next one.
    const sent = { ...pending.items };
    post(`/f/${state.token}/save`, { edits: sent }, (status, json) => {
      inFlight = false;
      offline = status === 0;
      if (status === 0) {
        refreshStatus();
        schedule(RETRY_DELAY);
        return;
      }
      // Too many saves (429), or others writing at that moment (409 with retryAfter): nothing is
      // lost, the changes stay pending and are sent again later, without a dialog.
      const retryAfter = json && typeof json.retryAfter === 'number' ? json.retryAfter : null;
      if (status === 429 || retryAfter !== null) {
        refreshStatus();
        schedule(Math.max(retryAfter ?? 60, RETRY_DELAY / 1000) * 1000);
        return;
      }
      if (status !== 200) {
        refreshStatus();
        showAlert((json && json.error) || T.saveFailed);
        return;
      }
      const clashes = (json.conflicts || []) as { path: string; mine: Value; theirs: Value }[];
      for (const path of Object.keys(sent)) {
        saved[path] = json.values[path] ?? null;
        pending.confirm(path, sent[path]![1]);
      }
      // Others' changes (from the bot or another device) appear where this device has nothing pending.
      for (const path of Object.keys(json.values)) {
        saved[path] = json.values[path];
        if (!pending.items[path]) {
          current[path] = json.values[path];
          show(path, json.values[path]);
        }
      }
      for (const c of clashes) {
        conflicts.add(c.path);
        showConflict(c.path, c.mine, c.theirs, (value) => {
          conflicts.delete(c.path);
          saved[c.path] = c.theirs;
          current[c.path] = c.theirs;
          show(c.path, value);
          if (value !== c.theirs) change(c.path, value);
          else recompute(ctx, current, lastEdited);
          refreshStatus();
        });
      }
      recompute(ctx, current, lastEdited);
      refreshStatus();
      if (pending.size()) schedule(SAVE_DELAY);
    });
  }

  function readInput(el: HTMLInputElement | HTMLTextAreaElement) {
    const path = el.getAttribute('data-path')!;
    lastEdited = path;
    if (el.tagName === 'TEXTAREA') {
      const text = el.value.replace(/\r\n?/g, '\n');
      change(path, text.trim() === '' ? null : text);
      return;
    }
    const norm = doc.querySelector(`[data-norm="${path}"]`);
    const raw = el.value.trim();
    if (raw === '') {
      if (norm) norm.textContent = '';
      el.classList.remove('bad');
      typed.set(path, null);
      change(path, null);
      return;
    }
    const parsed = parseCell(form!.cellByPath.get(path)!, raw);
    if (!parsed.ok) {
      // Never saved: not even what was readable a keystroke ago (「25」 of 「25x」).
      el.classList.add('bad');
      if (norm) {
        norm.textContent = T.numberProblem(parsed.problem, raw);
        norm.className = 'norm bad';
      }
      typed.set(path, raw);
      pending.discard(path);
      current[path] = saved[path] ?? null;
      recompute(ctx, current, lastEdited);
      refreshStatus();
      return;
    }
    typed.set(path, null);
    el.classList.remove('bad');
    if (norm) {
      norm.textContent = parsed.text !== raw ? T.normalised(parsed.text) : '';
      norm.className = 'norm';
    }
    change(path, parsed.value);
  }

  // Typing.
  for (const el of inputs()) {
    if (el.tagName === 'OUTPUT') continue;
    el.addEventListener('input', () => readInput(el));
  }
  // Yes/no gates and column choices.
  const flows = all<HTMLInputElement>('[data-flow]');
  function toggleBlocks() {
    for (const b of all<HTMLElement>('[data-when]')) {
      const [path, want] = b.getAttribute('data-when')!.split('=');
      b.hidden = !(current[path!] === (want === '1'));
    }
    const cols = (current['flow.s3Columns'] as number[] | null) || [];
    if (cols.length)
      for (const c of all<HTMLElement>('[data-col]'))
        c.hidden = cols.indexOf(Number(c.getAttribute('data-col'))) < 0;
  }
  /** An answer, sent with the figures it sets to 0 (no applications, a column unticked, no cases). */
  function answer(path: string, value: Value) {
    if (isFlowPath(path)) {
      const draft = draftFromValues(form!, { org: state.org, year: state.year }, current);
      for (const p of wipedBy(form!, draft, flowKey(path), value as FlowValue)) {
        change(p, 0);
        show(p, 0);
      }
    }
    change(path, value);
  }
  const checkedOf = (path: string) =>
    flows.filter((x) => x.getAttribute('data-flow') === path && x.checked).map((x) => Number(x.value));
  for (const el of flows) {
    el.addEventListener('change', () => {
      const path = el.getAttribute('data-flow')!;
      if (el.type === 'radio') {
        answer(path, el.value === '1');
        // Saying "yes" records the applicant columns shown, so the others become 0.
        if (path === 'flow.s3Any' && el.value === '1' && !current['flow.s3Columns'])
          change('flow.s3Columns', checkedOf('flow.s3Columns'));
      } else {
        answer(path, checkedOf(path));
      }
      toggleBlocks();
      recompute(ctx, current, lastEdited);
    });
  }
  // "Fill the blanks with 0" and the standard sentence for section 六.
  const zero = doc.querySelector('[data-zero]');
  if (zero) {
    zero.addEventListener('click', (e) => {
      e.preventDefault();
      for (const el of inputs()) {
        if (el.tagName === 'INPUT' && el.value.trim() === '' && visible(el)) {
          el.value = '0';
          readInput(el);
        }
      }
    });
  }
  const insert = doc.querySelector('[data-insert]') as HTMLButtonElement | null;
  if (insert) {
    insert.hidden = false;
    insert.addEventListener('click', () => {
      const target = fieldFor(insert.getAttribute('data-target')!) as HTMLTextAreaElement;
      const sentence = insert.getAttribute('data-insert')!;
      target.value = target.value.trim() ? `${target.value.trim()}\n${sentence}` : sentence;
      readInput(target);
    });
  }
  // Moving between sections saves first; offline, the changes stay on this device.
  for (const b of all<HTMLButtonElement>('[data-nav]')) {
    b.addEventListener('click', (e) => {
      e.preventDefault();
      const target = state.section + (b.getAttribute('data-nav') === 'next' ? 2 : 0);
      const url = `/f/${state.token}?s=${target > form.sections.length ? 'review' : Math.max(target, 1)}`;
      const go = () => (location.href = url);
      if (!pending.size()) return go();
      save();
      const wait = setInterval(() => {
        if (!pending.size()) {
          clearInterval(wait);
          go();
        } else if (offline || navigator.onLine === false) {
          clearInterval(wait);
          showAlert(T.offlineNav);
        }
      }, 200);
    });
  }
  window.addEventListener('online', () => {
    offline = false;
    refreshStatus();
    schedule(0);
  });
  window.addEventListener('offline', () => {
    offline = true;
    refreshStatus();
  });

  // Changes kept on this device from before (offline, or a reload before saving) come back first.
  for (const path of Object.keys(pending.items)) {
    const v = pending.items[path]![1];
    current[path] = v;
    show(path, v);
    for (const r of flows.filter((x) => x.getAttribute('data-flow') === path)) {
      r.checked =
        r.type === 'radio'
          ? v === (r.value === '1')
          : Array.isArray(v) && (v as number[]).indexOf(Number(r.value)) >= 0;
    }
  }
  // What was typed but could not be read comes back as typed, with its reason.
  for (const path of Object.keys(typed.items)) {
    const el = fieldFor(path);
    if (el && el.tagName === 'INPUT') {
      el.value = typed.items[path]!;
      readInput(el);
    }
  }
  toggleBlocks();
  recompute(ctx, current, lastEdited);
  refreshStatus();
  if (pending.size()) schedule(0);
}
