// The import screen's and the audit's script: a chosen PDF is read here, in the browser, with pdf.js
// (loaded from this Worker's static files only when a PDF is chosen), and goes to the server as its
// text (the same name, typed text/plain); every other file goes as it is. Without this script (an old browser), the
// server answers a PDF with what to do instead.
import { readPdf, type PdfJs } from '../../import/pdf';
import { FILE_COPY as T } from '../copy';

interface PdfJsModule extends PdfJs {
  GlobalWorkerOptions: { workerSrc: string };
}

function isPdf(f: File): boolean {
  return /\.pdf$/i.test(f.name) || f.type === 'application/pdf';
}

async function pdfjs(base: string): Promise<PdfJsModule> {
  const mod = (await import(/* @vite-ignore */ `${base}pdf.min.mjs`)) as PdfJsModule;
  mod.GlobalWorkerOptions.workerSrc = `${base}pdf.worker.min.mjs`;
  return mod;
}

for (const form of Array.prototype.slice.call(
  document.querySelectorAll('form[data-pdf]'),
) as HTMLFormElement[]) {
  const input = form.querySelector('input[type="file"]') as HTMLInputElement | null;
  const status = form.querySelector('[data-pdf-status]') as HTMLElement | null;
  // Where pdf.js is, from the page: /static/pdfjs-VERSION/.
  const base = form.getAttribute('data-pdf') ?? '';
  if (!input || !status || !base) continue;
  let busy = false;
  form.addEventListener('submit', (event) => {
    const files = Array.prototype.slice.call(input.files ?? []) as File[];
    if (!files.some(isPdf)) return;
    event.preventDefault();
    if (busy) return;
    busy = true;
    const show = (text: string, alert: boolean) => {
      status.textContent = text;
      status.hidden = false;
      status.className = alert ? 'box alert' : 'box';
    };
    void (async () => {
      const out = new DataTransfer();
      try {
        const lib = await pdfjs(base);
        for (const f of files) {
          if (!isPdf(f)) {
            out.items.add(f);
            continue;
          }
          show(T.pdfReading(f.name), false);
          let text = '';
          try {
            text = await readPdf(lib, new Uint8Array(await f.arrayBuffer()), `${base}cmaps/`);
          } catch {}
          if (!text.trim()) {
            show(T.pdfFailed(f.name), true);
            return;
          }
          // Its own name, as text: the server reads a file by its type first (src/import/files.ts).
          out.items.add(new File([text], f.name, { type: 'text/plain' }));
        }
      } catch {
        show(T.pdfFailed(files.filter(isPdf)[0]!.name), true);
        return;
      } finally {
        busy = false;
      }
      input.files = out.files;
      form.submit();
    })();
  });
}
