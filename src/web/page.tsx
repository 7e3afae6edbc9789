// A plain, phone-friendly page for messages (errors, notices), in the project's look.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';
import { IMPORT_JS_HASH, PDFJS_BASE } from './client/form-bundle.js';

export function Page({ title, children }: { title: string; children: Child }) {
  return (
    <html lang="zh-CN">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{title}</title>
        <style>
          {raw(`body{margin:0;font:16px/1.6 -apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;color:#1f2328;background:#f6f7f9}
main{max-width:34rem;margin:0 auto;padding:2rem 1.25rem}h1{font-size:1.3rem;margin:0 0 .75rem}p{margin:.5rem 0}`)}
        </style>
      </head>
      <body>
        <main>{children}</main>
      </body>
    </html>
  );
}

export function messagePage(title: string, message: string): string {
  return (
    '<!DOCTYPE html>' +
    String(
      <Page title={title}>
        <h1>{title}</h1>
        <p>{message}</p>
      </Page>,
    )
  );
}

/** The import screens' script (reads a chosen PDF in the browser) and the attribute of its forms. */
export function ImportScript() {
  return <script type="module" src={`/static/import.js?v=${IMPORT_JS_HASH}`} />;
}
export const PDF_FORM = { 'data-pdf': PDFJS_BASE };
/** What the import screens' file choosers offer: the files src/import/files.ts reads, and PDFs. */
export const REPORT_FILES = '.txt,.html,.htm,.docx,.pdf,text/plain,text/html,application/pdf';
