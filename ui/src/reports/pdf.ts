// pdf.js for the report preview, loaded only when a preview is first shown (it is large, and
// most days the officer never opens the reports screen).
//
// The worker is created here from the worker file Vite emits beside the app, and handed to
// pdf.js as its port. Left to itself, pdf.js wraps the worker in a blob: script whenever the
// page's URL has no web origin (`new URL('tauri://localhost').origin` is "null"), and the CSP
// would then have to allow blob: workers; a worker from the app's own files needs only
// `worker-src 'self'`. Should the webview still refuse the worker, pdf.js runs in the page
// itself: slower, but the preview still appears.

import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfJs = typeof import('pdfjs-dist');

let lib: Promise<PdfJs> | null = null;
/** Rejects when the worker fails to start; replaced by a never-settling promise once it works. */
let workerFailed: Promise<never> = new Promise(() => {});

function pdfjs(): Promise<PdfJs> {
  lib ??= import('pdfjs-dist').then((m) => {
    m.GlobalWorkerOptions.workerSrc = workerUrl;
    try {
      const worker = new Worker(workerUrl, { type: 'module' });
      workerFailed = new Promise<never>((_, reject) =>
        worker.addEventListener('error', () => reject(new Error('worker')), { once: true }),
      );
      workerFailed.catch(() => {});
      m.GlobalWorkerOptions.workerPort = worker;
    } catch {
      // No worker at all: pdf.js falls back to the page by itself.
    }
    return m;
  });
  return lib;
}

async function open(m: PdfJs, bytes: ArrayBuffer, race: Promise<never>): Promise<PDFDocumentProxy> {
  const task = m.getDocument({
    // pdf.js hands the bytes over to its worker (the buffer is emptied), so give it a copy.
    data: new Uint8Array(bytes.slice(0)),
    // The CSP forbids eval; saying so up front keeps pdf.js from trying it.
    isEvalSupported: false,
  });
  try {
    return await Promise.race([task.promise, race]);
  } catch (e) {
    void task.destroy();
    throw e;
  }
}

/** Opens the PDF bytes; the caller destroys the document when done with it. */
export async function loadPdf(bytes: ArrayBuffer): Promise<PDFDocumentProxy> {
  const m = await pdfjs();
  try {
    const doc = await open(m, bytes, workerFailed);
    workerFailed = new Promise(() => {});
    return doc;
  } catch (e) {
    if (!(e instanceof Error && e.message === 'worker')) throw e;
    const worker = m.GlobalWorkerOptions.workerPort;
    m.GlobalWorkerOptions.workerPort = null;
    worker?.terminate();
    workerFailed = new Promise(() => {});
    // pdf.js looks for its worker code on globalThis.pdfjsWorker and then runs it in the page.
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import(/* @vite-ignore */ workerUrl);
    return open(m, bytes, workerFailed);
  }
}
