import { readFileSync } from 'node:fs';
const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
const t0 = performance.now();
const doc = await getDocument({ data: new Uint8Array(readFileSync(process.argv[2]!)), verbosity: 0, disableFontFace: true, isEvalSupported: false, standardFontDataUrl: 'node_modules/pdfjs-dist/standard_fonts/' }).promise;
console.log('open', performance.now() - t0);
let tt = 0, to = 0;
for (let n = 1; n <= doc.numPages; n++) {
  const p = await doc.getPage(n);
  let a = performance.now(); await p.getTextContent(); tt += performance.now() - a;
  a = performance.now(); await p.getOperatorList(); to += performance.now() - a;
}
console.log('text', tt, 'ops', to, 'total', performance.now() - t0);
