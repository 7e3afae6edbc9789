// What the form shows when a save could not apply: an alert for the page, and for a cell changed
// elsewhere meanwhile (by the bot or another device) both values to choose from.
import type { Value } from '../../engine/edits';
import { FORM_COPY as T } from '../copy';
import { fieldFor } from './checks';

const doc = document;

export function showAlert(message: string): void {
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

/** Offers "mine" and "theirs" beside the cell; `choose` gets the value picked. */
export function showConflict(path: string, mine: Value, theirs: Value, choose: (value: Value) => void): void {
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
      choose(value);
    };
    box.appendChild(b);
  };
  pick(T.keepMine, mine);
  pick(T.keepTheirs, theirs);
  host.appendChild(box);
}
