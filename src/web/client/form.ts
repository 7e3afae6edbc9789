// The form's script: reads numbers as the bot does, shows totals and the 勾稽 rules beside the cells
// as the official types (the same engine modules as the server), autosaves every change, and keeps
// unsaved changes on the device across reloads and lost connections. Without it the form still works.
import './polyfills';
import { CELL_BY_PATH } from '../../../forms/model';
import { checkReport, type Finding } from '../../engine/check';
import { draftFromValues, type Value } from '../../engine/edits';
import { formatAmount, parseAmount, parseCount } from '../../engine/numbers';
import { FORM_COPY as T } from '../copy';

interface State {
  token: string;
  version: number;
  values: Record<string, Value>;
  previous: Parameters<typeof checkReport>[1] | null;
  org: { name: string; kind?: string };
  year: number;
  section: number;
}

type Pending = Record<string, [Value, Value]>;

const SAVE_DELAY = 1000;
const RETRY_DELAY = 5000;

const doc = document;
const stateEl = doc.getElementById('state');
if (stateEl) start(JSON.parse(stateEl.textContent || '{}') as State);

function start(state: State) {
  doc.documentElement.className += ' js';
  const storeKey = `nianbao:pending:${state.year}:${state.org.name}`;
  const saved: Record<string, Value> = { ...state.values };
  const current: Record<string, Value> = { ...state.values };
  let pending: Pending = loadPending();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let inFlight = false;
  const statusEl = doc.getElementById('status');

  function setStatus(kind: 'saved' | 'saving' | 'offline' | 'unsaved') {
    if (!statusEl) return;
    statusEl.setAttribute('data-state', kind);
    statusEl.textContent =
      kind === 'saved' ? T.saved : kind === 'saving' ? T.saving : kind === 'offline' ? T.offline : T.unsaved;
  }

  function loadPending(): Pending {
    try {
      return JSON.parse(localStorage.getItem(storeKey) || '{}') as Pending;
    } catch {
      return {};
    }
  }
  function storePending() {
    try {
      if (Object.keys(pending).length) localStorage.setItem(storeKey, JSON.stringify(pending));
      else localStorage.removeItem(storeKey);
    } catch {
      /* private mode: the page still autosaves */
    }
  }

  const inputs = () =>
    Array.prototype.slice.call(doc.querySelectorAll('[data-path]')) as (
      HTMLInputElement | HTMLTextAreaElement
    )[];
  const fieldFor = (path: string) =>
    doc.querySelector(`[data-path="${path}"]`) as HTMLInputElement | HTMLTextAreaElement | null;

  function show(path: string, v: Value) {
    const el = fieldFor(path);
    if (!el || el.tagName === 'OUTPUT' || el === doc.activeElement) return;
    const cell = CELL_BY_PATH.get(path);
    el.value =
      v === null ? '' : typeof v === 'number' && cell?.kind === 'amount' ? formatAmount(v) : String(v);
  }

  function change(path: string, v: Value) {
    current[path] = v;
    const base = pending[path] ? pending[path]![0] : (saved[path] ?? null);
    if (JSON.stringify(base) === JSON.stringify(v)) delete pending[path];
    else pending[path] = [base, v];
    storePending();
    recompute();
    if (Object.keys(pending).length) {
      setStatus(navigator.onLine === false ? 'offline' : 'unsaved');
      schedule(SAVE_DELAY);
    }
  }

  function schedule(ms: number) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(save, ms);
  }

  function post(url: string, body: unknown, done: (status: number, json: any) => void) {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('Content-Type', 'application/json');
    xhr.timeout = 15000;
    xhr.onload = () => {
      let json: unknown = null;
      try {
        json = JSON.parse(xhr.responseText);
      } catch {
        /* not JSON */
      }
      done(xhr.status, json);
    };
    xhr.onerror = xhr.ontimeout = () => done(0, null);
    xhr.send(JSON.stringify(body));
  }

  function save() {
    if (inFlight || !Object.keys(pending).length) return;
    inFlight = true;
    setStatus('saving');
    // A copy: edits made while this save is on its way stay pending for the next one.
    const sent: Pending = { ...pending };
    post(`/f/${state.token}/save`, { edits: sent }, (status, json) => {
      inFlight = false;
      if (status === 0) {
        setStatus('offline');
        schedule(RETRY_DELAY);
        return;
      }
      if (status !== 200) {
        setStatus('unsaved');
        showAlert((json && json.error) || T.saveFailed);
        return;
      }
      const conflicts = (json.conflicts || []) as { path: string; mine: Value; theirs: Value }[];
      for (const path of Object.keys(sent)) {
        const [, value] = sent[path]!;
        saved[path] = json.values[path] ?? null;
        if (pending[path] && JSON.stringify(pending[path]![1]) === JSON.stringify(value))
          delete pending[path];
      }
      // Others' changes (from the bot or another device) appear where this device has nothing pending.
      for (const path of Object.keys(json.values)) {
        saved[path] = json.values[path];
        if (!pending[path]) {
          current[path] = json.values[path];
          show(path, json.values[path]);
        }
      }
      for (const c of conflicts) showConflict(c.path, c.mine, c.theirs);
      storePending();
      recompute();
      setStatus(Object.keys(pending).length ? 'unsaved' : 'saved');
      if (Object.keys(pending).length) schedule(SAVE_DELAY);
    });
  }

  function showAlert(message: string) {
    const form = doc.getElementById('form');
    if (!form) return;
    let box = doc.getElementById('js-alert');
    if (!box) {
      box = doc.createElement('div');
      box.id = 'js-alert';
      box.className = 'alert';
      box.setAttribute('role', 'alert');
      form.insertBefore(box, form.firstChild ? form.firstChild.nextSibling : null);
    }
    box.textContent = message;
  }

  function showConflict(path: string, mine: Value, theirs: Value) {
    const el = fieldFor(path);
    const host = el && el.parentElement;
    if (!host) return;
    const box = doc.createElement('span');
    box.className = 'conflict';
    box.textContent = T.conflict(
      theirs === null ? T.empty : String(theirs),
      mine === null ? T.empty : String(mine),
    );
    const pick = (label: string, value: Value) => {
      const b = doc.createElement('button');
      b.type = 'button';
      b.textContent = label;
      b.onclick = () => {
        host.removeChild(box);
        saved[path] = theirs;
        current[path] = theirs;
        show(path, value);
        if (value !== theirs) change(path, value);
        else recompute();
      };
      box.appendChild(b);
    };
    pick(T.keepMine, mine);
    pick(T.keepTheirs, theirs);
    host.appendChild(box);
  }

  function readInput(el: HTMLInputElement | HTMLTextAreaElement) {
    const path = el.getAttribute('data-path')!;
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
      change(path, null);
      return;
    }
    const parsed = el.getAttribute('data-kind') === 'amount' ? parseAmount(raw) : parseCount(raw);
    if (!parsed.ok) {
      el.classList.add('bad');
      if (norm) {
        norm.textContent = parsed.message;
        norm.className = 'norm bad';
      }
      return;
    }
    el.classList.remove('bad');
    if (norm) {
      norm.textContent = parsed.text !== raw ? T.normalised(parsed.text) : '';
      norm.className = 'norm';
    }
    change(path, parsed.value);
  }

  /** The element under which a finding about these cells is shown. */
  function findingsHost(path: string): Element | null {
    const s3 = /^s3\.(\w+)\[/.exec(path);
    if (s3) return doc.querySelector(`[data-findings="s3.${s3[1]}"]`);
    const s4 = /^s4\.(\w+)\./.exec(path);
    if (s4) return doc.querySelector(`[data-findings="s4.${s4[1]}"]`);
    const s2 = /^s2\.(\w+)/.exec(path);
    if (s2) return doc.querySelector(`[data-findings="s2.${s2[1]}"]`);
    return doc.querySelector(`[data-findings="${path}"]`);
  }

  function visible(el: Element): boolean {
    for (let n: Element | null = el; n; n = n.parentElement) if ((n as HTMLElement).hidden) return false;
    return true;
  }

  function recompute() {
    const draft = draftFromValues(
      { formVersion: '2021', org: state.org as never, year: state.year },
      current,
    );
    // Totals.
    const outputs = Array.prototype.slice.call(
      doc.querySelectorAll('output[data-path]'),
    ) as HTMLOutputElement[];
    for (const out of outputs) {
      const cell = CELL_BY_PATH.get(out.getAttribute('data-path')!)!;
      let node: unknown = draft.report;
      for (const k of cell.loc)
        node =
          node === undefined || node === null ? undefined : (node as Record<string | number, unknown>)[k];
      out.textContent = typeof node === 'number' ? String(node) : '0';
    }
    // Findings beside the cells concerned.
    const hosts = Array.prototype.slice.call(doc.querySelectorAll('[data-findings]')) as HTMLElement[];
    for (const h of hosts) {
      h.textContent = '';
      const row = h.closest('tr.findings-row') as HTMLElement | null;
      if (row) row.hidden = true;
    }
    for (const el of inputs()) el.classList.remove('rule');
    const { errors, warnings } = checkReport(draft.report, state.previous ?? undefined);
    const shown = (f: Finding) =>
      f.cells.some((c) => current[c] !== null && current[c] !== undefined) || f.severity === 'error';
    for (const f of [...errors, ...warnings.filter(shown)]) {
      const here = f.cells.map((c) => ({ c, el: fieldFor(c) })).filter((x) => x.el && visible(x.el));
      if (!here.length) continue;
      const host = findingsHost(here[here.length - 1]!.c);
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

  // Typing.
  for (const el of inputs()) {
    if (el.tagName === 'OUTPUT') continue;
    el.addEventListener('input', () => readInput(el));
  }
  // Yes/no gates and column choices.
  const flows = Array.prototype.slice.call(doc.querySelectorAll('[data-flow]')) as HTMLInputElement[];
  function toggleBlocks() {
    const blocks = Array.prototype.slice.call(doc.querySelectorAll('[data-when]')) as HTMLElement[];
    for (const b of blocks) {
      const [path, want] = b.getAttribute('data-when')!.split('=');
      const v = current[path!];
      b.hidden = !(v === (want === '1'));
    }
    const cols = (current['flow.s3Columns'] as number[] | null) || [];
    const cells = Array.prototype.slice.call(doc.querySelectorAll('[data-col]')) as HTMLElement[];
    if (cols.length) for (const c of cells) c.hidden = cols.indexOf(Number(c.getAttribute('data-col'))) < 0;
  }
  /** Figures an answer will set to 0 (no applications, a column unticked, no cases): sent with it. */
  function zeroedBy(path: string, value: Value): string[] {
    const out: string[] = [];
    CELL_BY_PATH.forEach((cell, p) => {
      if (cell.computed || !current[p]) return;
      const hit =
        (path === 'flow.s3Any' && value === false && cell.section === 's3') ||
        (path === 'flow.s4Any' && value === false && cell.section === 's4') ||
        (path === 'flow.s3Columns' &&
          cell.section === 's3' &&
          Array.isArray(value) &&
          (value as number[]).indexOf(cell.loc[2] as number) < 0);
      if (hit) out.push(p);
    });
    return out;
  }
  function answer(path: string, value: Value) {
    for (const p of zeroedBy(path, value)) {
      change(p, 0);
      show(p, 0);
    }
    change(path, value);
  }
  for (const el of flows) {
    el.addEventListener('change', () => {
      const path = el.getAttribute('data-flow')!;
      if (el.type === 'radio') {
        answer(path, el.value === '1');
        // Saying "yes" records the applicant columns shown, so the others become 0.
        if (path === 'flow.s3Any' && el.value === '1' && !current['flow.s3Columns']) {
          const shownCols = flows
            .filter((x) => x.getAttribute('data-flow') === 'flow.s3Columns' && x.checked)
            .map((x) => Number(x.value));
          change('flow.s3Columns', shownCols);
        }
      } else {
        const chosen = flows
          .filter((x) => x.getAttribute('data-flow') === path && x.checked)
          .map((x) => Number(x.value));
        answer(path, chosen);
      }
      toggleBlocks();
      recompute();
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
  const navs = Array.prototype.slice.call(doc.querySelectorAll('[data-nav]')) as HTMLButtonElement[];
  for (const b of navs) {
    b.addEventListener('click', (e) => {
      e.preventDefault();
      const target = state.section + (b.getAttribute('data-nav') === 'next' ? 2 : 0);
      const url = `/f/${state.token}?s=${target > 6 ? 'review' : Math.max(target, 1)}`;
      const go = () => (location.href = url);
      if (!Object.keys(pending).length) return go();
      save();
      const wait = setInterval(() => {
        if (!Object.keys(pending).length) {
          clearInterval(wait);
          go();
        } else if (statusEl && statusEl.getAttribute('data-state') === 'offline') {
          clearInterval(wait);
          showAlert(T.offlineNav);
        }
      }, 200);
    });
  }
  window.addEventListener('online', () => schedule(0));
  window.addEventListener('offline', () => setStatus('offline'));

  // Changes kept on this device from before (offline, or a reload before saving) come back first.
  for (const path of Object.keys(pending)) {
    current[path] = pending[path]![1];
    show(path, pending[path]![1]);
    const radios = flows.filter((x) => x.getAttribute('data-flow') === path);
    for (const r of radios) {
      const v = pending[path]![1];
      r.checked =
        r.type === 'radio'
          ? v === (r.value === '1')
          : Array.isArray(v) && (v as number[]).indexOf(Number(r.value)) >= 0;
    }
  }
  toggleBlocks();
  recompute();
  if (Object.keys(pending).length) {
    setStatus(navigator.onLine === false ? 'offline' : 'unsaved');
    schedule(0);
  }
}
