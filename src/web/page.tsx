// A plain, phone-friendly page for messages (errors, notices), in the project's look.
import type { Child } from 'hono/jsx';
import { raw } from 'hono/html';

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
