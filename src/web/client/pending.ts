// Changes not yet saved, kept on the device (localStorage) across reloads and lost connections:
// each one with the value it was based on, so the server can merge it cell by cell.
import type { Value } from '../../engine/edits';

export type Pending = Record<string, [Value, Value]>;

const same = (a: Value, b: Value) => JSON.stringify(a) === JSON.stringify(b);

export class PendingStore {
  items: Pending;

  constructor(private readonly key: string) {
    this.items = this.load();
  }

  private load(): Pending {
    try {
      return JSON.parse(localStorage.getItem(this.key) || '{}') as Pending;
    } catch {
      return {};
    }
  }

  private store(): void {
    try {
      if (this.size()) localStorage.setItem(this.key, JSON.stringify(this.items));
      else localStorage.removeItem(this.key);
    } catch {
      /* private mode: the page still autosaves */
    }
  }

  size(): number {
    return Object.keys(this.items).length;
  }

  /** Records a change to `path` made on top of `saved` (the last value the server confirmed). */
  change(path: string, saved: Value, value: Value): void {
    const base = this.items[path] ? this.items[path]![0] : saved;
    if (same(base, value)) delete this.items[path];
    else this.items[path] = [base, value];
    this.store();
  }

  /** Drops a change not to be saved (the field now holds something that cannot be read). */
  discard(path: string): void {
    delete this.items[path];
    this.store();
  }

  /** Forgets a path once the server holds the value that was sent for it. */
  confirm(path: string, sent: Value): void {
    if (this.items[path] && same(this.items[path]![1], sent)) delete this.items[path];
    this.store();
  }
}

/**
 * What was typed but cannot be read (「25x」), per field: never saved, kept on the device so a reload
 * shows it again with its reason, until it is fixed or cleared.
 */
export class TypedStore {
  items: Record<string, string>;

  constructor(private readonly key: string) {
    try {
      this.items = JSON.parse(localStorage.getItem(key) || '{}') as Record<string, string>;
    } catch {
      this.items = {};
    }
  }

  set(path: string, typed: string | null): void {
    if (typed === null) delete this.items[path];
    else this.items[path] = typed;
    try {
      if (Object.keys(this.items).length) localStorage.setItem(this.key, JSON.stringify(this.items));
      else localStorage.removeItem(this.key);
    } catch {
      /* private mode: kept for this page only */
    }
  }

  size(): number {
    return Object.keys(this.items).length;
  }
}
