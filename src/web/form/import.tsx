// The form's import screen: paste last year's published report, see what was read, confirm.
import type { Form } from '../../../forms';
import type { ImportPreview } from '../../services/imports';
import { IMPORT_WEB_COPY as T } from '../copy';
import { ImportScript, Page, PDF_FORM, REPORT_FILES } from '../page';

const FIELD_CSS = `textarea{width:100%;box-sizing:border-box;min-height:14rem;font:inherit;padding:.5rem}
button,.button{display:inline-block;min-height:44px;padding:.6rem 1rem;margin:.75rem .5rem 0 0;font:inherit;
border-radius:6px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;text-decoration:none}
.secondary{background:#fff;color:#1f6feb}.box{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:.75rem 1rem;margin:.75rem 0}
.alert{border-color:#cf222e}ul{padding-left:1.25rem}`;

function Styles() {
  return <style>{FIELD_CSS}</style>;
}

/** The paste box (with a message above it after a refusal). */
export function ImportForm({ token, year, alert }: { token: string; year: number; alert?: string }) {
  return (
    '<!DOCTYPE html>' +
    String(
      <Page title={T.title(year)}>
        <Styles />
        <h1>{T.title(year)}</h1>
        {alert ? <p class="box alert">{alert}</p> : null}
        <p>{T.how}</p>
        <form method="post" action={`/f/${token}/import`} enctype="multipart/form-data" {...PDF_FORM}>
          <p>
            <label>
              {T.file} <input type="file" name="file" accept={REPORT_FILES} />
            </label>
          </p>
          <label>
            {T.field}
            <textarea name="text" maxlength={200_000} />
          </label>
          <p data-pdf-status hidden role="status" />
          <button type="submit">{T.read}</button>
          <a class="button secondary" href={`/f/${token}`}>
            {T.back}
          </a>
        </form>
        <ImportScript />
      </Page>,
    )
  );
}

/** What was read, and the button that keeps it (the text goes again, unchanged). */
export function ImportPreviewPage({
  token,
  form,
  preview,
  text,
}: {
  token: string;
  form: Form;
  preview: ImportPreview;
  text: string;
}) {
  const { imported, year } = preview;
  const label = (path: string) => form.cellByPath.get(path)?.label ?? path;
  const missing = imported.missing.map(label);
  const titleYear = imported.report.year;
  return (
    '<!DOCTYPE html>' +
    String(
      <Page title={T.previewTitle(year)}>
        <Styles />
        <h1>{T.previewTitle(year)}</h1>
        <div class="box">
          <p>{T.heading(imported.report.org.name, titleYear)}</p>
          <ul>
            {preview.tables.map((t) => (
              <li>{T.tableRead(T.tables[t.section]!, t.read, t.of)}</li>
            ))}
            <li>{T.textsRead(preview.texts)}</li>
          </ul>
        </div>
        {missing.length ? <p class="box">{T.missing(missing.length, missing.slice(0, 20))}</p> : null}
        {imported.ambiguous.length ? (
          <div class="box">
            <p>{T.ambiguousTitle}</p>
            <ul>
              {imported.ambiguous.map((a) => (
                <li>{T.ambiguous(label(a.path), a.candidates)}</li>
              ))}
            </ul>
          </div>
        ) : null}
        {imported.notes.length ? (
          <div class="box">
            <p>{T.notesTitle}</p>
            <ul>
              {imported.notes.map((n) => (
                <li>{n}</li>
              ))}
            </ul>
          </div>
        ) : null}
        <form method="post" action={`/f/${token}/import/confirm`}>
          <textarea name="text" hidden>
            {text}
          </textarea>
          <button type="submit">{T.confirm(year)}</button>
          <a class="button secondary" href={`/f/${token}/import`}>
            {T.again}
          </a>
        </form>
      </Page>,
    )
  );
}
