/** pdf.js ships no types for its worker module; Gloss only hands it back to pdf.js (see pdf.ts). */
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
