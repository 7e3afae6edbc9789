// Last year's published report, received in chat: /import asks for it; the official pastes the text
// over as many messages as it takes (or sends the file, where the platform delivers files), says
// 「读取」, sees what was read, and confirms. The same reading and keeping as the form's import screen
// (src/services/imports.ts); nothing is kept before the confirmation.
import { FORMS } from '../../forms';
import { defaultYear } from '../engine/calendar';
import type { Session } from '../engine/flow';
import { reply } from '../engine/reply';
import { is } from '../engine/words';
import { reportByOrgYear, type ReportRow } from '../db/reports';
import type { Deps } from '../services/deps';
import type { ImportPreview } from '../services/imports';
import { formUrl, shownLink } from '../services/links';
import { CHAT_COPY as T } from './copy';
import { answer, turnWrites, type Decision, type TurnState } from './turn';

type Importing = Extract<Session, { mode: 'importing' }>;

/**
 * The readers of published reports (text, Word files) and the import itself, loaded with the first
 * import an isolate sees: most chats never import, and a Worker started for a webhook does not
 * compile them (see src/app.ts).
 */
async function readers() {
  const [files, imports] = await Promise.all([import('../import/files'), import('../services/imports')]);
  return {
    readFiles: files.readFiles,
    previewImport: imports.previewImport,
    storeImport: imports.storeImport,
  };
}

/** Most text kept from pasted messages (a long city report is about 30,000 characters). */
export const MAX_IMPORT_CHARS = 200_000;
/** Largest file taken from a chat (the form's and the API's limit too). */
export const MAX_IMPORT_FILE_BYTES = 2 * 1024 * 1024;

/** A file a person sent, as the platform describes it, and how to fetch its bytes. */
export interface ChatFile {
  name: string;
  type: string;
  size: number;
  /** The bytes; null when the platform would not give them. */
  bytes(): Promise<ArrayBuffer | null>;
}

/** Where the session goes back to when the import ends: the draft that was open, paused. */
function after(s: Importing): Session {
  return s.resume ? { mode: 'idle', resume: s.resume } : { mode: 'idle' };
}

async function importLink(deps: Deps, state: TurnState): Promise<string> {
  const url = await formUrl(deps, state.member!, defaultYear(deps.now));
  return shownLink(url && `${url}/import`);
}

/** /import: asks for last year's report (unless the body has one), with the web import as the way for PDFs. */
export async function importCommand(deps: Deps, state: TurnState): Promise<Decision> {
  const m = state.member!;
  const year = defaultYear(deps.now) - 1;
  if (await reportByOrgYear(deps.db, m.orgId, year).first<ReportRow>()) return answer(T.importHas(year));
  const s = state.session.state;
  const resume =
    s.mode === 'filling' ? { reportId: s.reportId, step: s.step } : s.mode === 'idle' ? s.resume : undefined;
  const importing: Importing = { mode: 'importing', year, text: '', parts: 0, ...(resume ? { resume } : {}) };
  return {
    replies: [reply(T.importAsk(year, await importLink(deps, state)))],
    record: true,
    writes: turnWrites(deps, state, importing),
  };
}

/** What was read, as a chat message with the two answers as buttons. */
function shown(preview: ImportPreview): Decision['replies'][number] {
  const { imported, year } = preview;
  const form = FORMS.forYear(year);
  const label = (path: string) => form.cellByPath.get(path)?.label ?? path;
  const lines = preview.tables.map((t) => T.importTable(T.importTables[t.section]!, t.read, t.of));
  lines.push(T.importTexts(preview.texts));
  const missing = imported.missing.map(label);
  if (missing.length) lines.push(T.importMissing(missing.length, missing.slice(0, 12)));
  if (imported.ambiguous.length)
    lines.push(
      T.importAmbiguous(imported.ambiguous.map((a) => T.importAmbiguousItem(label(a.path), a.candidates))),
    );
  if (imported.notes.length) lines.push(T.importNotes(imported.notes.slice(0, 6)));
  return reply(T.importRead(T.importHeading(imported.report.org.name, year), lines, year), [
    [
      { label: T.importConfirmButton, data: '确认' },
      { label: T.importCancelButton, data: '取消' },
    ],
  ]);
}

/** Reads what was received; shows it (waiting for 确认) or, when it is no report, starts again. */
async function readReceived(deps: Deps, state: TurnState, s: Importing, text: string): Promise<Decision> {
  const preview = (await readers()).previewImport(text, s.year);
  const read = preview.tables.reduce((n, t) => n + t.read, 0);
  if (read === 0 && preview.texts === 0) {
    const again: Importing = { ...s, text: '', parts: 0, read: false };
    return { replies: [reply(T.importEmpty)], record: true, writes: turnWrites(deps, state, again) };
  }
  const next: Importing = { ...s, text, read: true };
  return { replies: [shown(preview)], record: true, writes: turnWrites(deps, state, next) };
}

/** One message while importing: more text, a file, 读取, 确认 or 取消. */
export async function importTurn(
  deps: Deps,
  state: TurnState,
  s: Importing,
  file: ChatFile | undefined,
): Promise<Decision> {
  const text = state.inbound.text.trim();
  if (is(text, 'cancel'))
    return { replies: [reply(T.importCancelled)], record: true, writes: turnWrites(deps, state, after(s)) };

  if (file) {
    if (file.size > MAX_IMPORT_FILE_BYTES)
      return answer(T.fileTooBig(file.name, MAX_IMPORT_FILE_BYTES / 2 ** 20));
    const bytes = await file.bytes();
    if (!bytes) return answer(T.fileFailed(file.name));
    const got = await (
      await readers()
    ).readFiles([{ name: file.name, type: file.type, bytes }], { zip: false });
    const one = got.read[0];
    if (!one)
      return answer(
        T.fileUnreadable(file.name, got.unread[0]?.reason ?? 'type', await importLink(deps, state)),
      );
    return readReceived(deps, state, { ...s, parts: 1 }, one.text);
  }

  if (s.read && is(text, 'keepImport')) {
    const m = state.member!;
    const { storeImport, previewImport } = await readers();
    const stored = await storeImport(deps, m, previewImport(s.text, s.year));
    if (!stored.ok) {
      if (stored.reason === 'conflict') return answer(T.importConflict);
      const reason = stored.reason === 'exists' ? T.importHas(s.year) : T.importEmpty;
      return { replies: [reply(reason)], record: true, writes: turnWrites(deps, state, after(s)) };
    }
    return {
      replies: [reply(T.importDone(s.year, stored.read))],
      record: true,
      writes: turnWrites(deps, state, after(s)),
    };
  }
  if (s.read) return answer(T.importWaiting);

  if (is(text, 'readImport')) {
    if (!s.text.trim()) return answer(T.importNothing);
    return readReceived(deps, state, s, s.text);
  }
  if (state.inbound.kind === 'unsupported' || !text) return answer(T.importNothing);
  if (s.text.length + text.length + 1 > MAX_IMPORT_CHARS) return answer(T.importFull(MAX_IMPORT_CHARS));
  const next: Importing = { ...s, text: s.text ? `${s.text}\n${text}` : text, parts: s.parts + 1 };
  return {
    replies: [reply(T.importGot(next.parts, next.text.length))],
    record: true,
    writes: turnWrites(deps, state, next),
  };
}
