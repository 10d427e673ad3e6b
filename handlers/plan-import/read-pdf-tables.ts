/**
 * Reads a PDF with PDF.js (the legacy build, which runs in Node without a browser): per page, the text
 * pieces with their positions and the axis-aligned lines the page draws — stroked lines and rectangle
 * outlines, and thin filled rectangles (how Word draws cell borders). Nothing is rendered, no font is
 * loaded from the system and nothing is fetched: the standard font metrics and CMaps ship in the package.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { PdfPage, PdfRule, PdfText } from '../../domain/plan/blocks-from-pdf-pages.ts';

export type PdfContent =
  | { ok: true; pages: PdfPage[] }
  | { ok: false; problem: 'damaged' | 'encrypted' | 'no-text' };

type Matrix = [number, number, number, number, number, number];

const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];

/** A filled rectangle thinner than this (points) is a drawn line. */
const THIN = 2.5;

const multiply = (m: Matrix, n: Matrix): Matrix => [
  m[0] * n[0] + m[2] * n[1],
  m[1] * n[0] + m[3] * n[1],
  m[0] * n[2] + m[2] * n[3],
  m[1] * n[2] + m[3] * n[3],
  m[0] * n[4] + m[2] * n[5] + m[4],
  m[1] * n[4] + m[3] * n[5] + m[5],
];

const apply = (m: Matrix, x: number, y: number): [number, number] => [
  m[0] * x + m[2] * y + m[4],
  m[1] * x + m[3] * y + m[5],
];

const pdfjsDir = () => path.dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

let pdfjs: Promise<typeof import('pdfjs-dist/legacy/build/pdf.mjs')> | null = null;
const loadPdfjs = () => {
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  return pdfjs;
};

/** The subpaths of a PDF.js path buffer as point lists (DrawOPS: 0 moveTo, 1 lineTo, 2 curveTo, 3 quadratic, 4 close). */
function subpaths(buffer: ArrayLike<number>): { points: [number, number][]; curved: boolean }[] {
  const out: { points: [number, number][]; curved: boolean }[] = [];
  let current: { points: [number, number][]; curved: boolean } | null = null;
  for (let i = 0; i < buffer.length; ) {
    const op = buffer[i]!;
    if (op === 0) {
      current = { points: [[buffer[i + 1]!, buffer[i + 2]!]], curved: false };
      out.push(current);
      i += 3;
    } else if (op === 1) {
      current?.points.push([buffer[i + 1]!, buffer[i + 2]!]);
      i += 3;
    } else if (op === 2) {
      if (current) current.curved = true;
      current?.points.push([buffer[i + 5]!, buffer[i + 6]!]);
      i += 7;
    } else if (op === 3) {
      if (current) current.curved = true;
      current?.points.push([buffer[i + 3]!, buffer[i + 4]!]);
      i += 5;
    } else {
      if (current && current.points.length > 1) current.points.push(current.points[0]!);
      i += 1;
    }
  }
  return out;
}

/** Ruling lines of one painted path, in page space. */
function rulesOfPath(buffer: ArrayLike<number>, ctm: Matrix, filled: boolean): PdfRule[] {
  const rules: PdfRule[] = [];
  for (const sub of subpaths(buffer)) {
    if (sub.curved) continue;
    const pts = sub.points.map(([x, y]) => apply(ctm, x, y));
    if (filled) {
      const xs = pts.map((p) => p[0]);
      const ys = pts.map((p) => p[1]);
      const [x1, x2, y1, y2] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
      // A thin filled rectangle is a line along its long side.
      if (y2 - y1 <= THIN && x2 - x1 > THIN) rules.push({ x1, x2, y1: (y1 + y2) / 2, y2: (y1 + y2) / 2 });
      else if (x2 - x1 <= THIN && y2 - y1 > THIN)
        rules.push({ x1: (x1 + x2) / 2, x2: (x1 + x2) / 2, y1, y2 });
      continue;
    }
    for (let k = 1; k < pts.length; k++) {
      const [ax, ay] = pts[k - 1]!;
      const [bx, by] = pts[k]!;
      if (Math.abs(ay - by) <= 0.5) rules.push({ x1: ax, x2: bx, y1: ay, y2: ay });
      else if (Math.abs(ax - bx) <= 0.5) rules.push({ x1: ax, x2: ax, y1: ay, y2: by });
    }
  }
  return rules;
}

type Ops = Awaited<ReturnType<typeof loadPdfjs>>['OPS'];
type PageProxy = Awaited<
  ReturnType<Awaited<ReturnType<Awaited<ReturnType<typeof loadPdfjs>>['getDocument']>['promise']>['getPage']>
>;

/** The ruling lines a page draws: walks its operator list keeping the transformation matrix. */
async function rulesOfPage(page: PageProxy, OPS: Ops): Promise<PdfRule[]> {
  const list = await page.getOperatorList();
  const stack: Matrix[] = [];
  let ctm: Matrix = IDENTITY;
  const rules: PdfRule[] = [];
  const strokes = new Set<number>([OPS.stroke, OPS.closeStroke]);
  const fills = new Set<number>([OPS.fill, OPS.eoFill]);
  const both = new Set<number>([
    OPS.fillStroke,
    OPS.eoFillStroke,
    OPS.closeFillStroke,
    OPS.closeEOFillStroke,
  ]);
  list.fnArray.forEach((fn, i) => {
    const args = list.argsArray[i] as unknown[] | null;
    if (fn === OPS.save) stack.push(ctm);
    else if (fn === OPS.restore) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.transform) ctm = multiply(ctm, args as unknown as Matrix);
    else if (fn === OPS.paintFormXObjectBegin) {
      stack.push(ctm);
      const matrix = args?.[0];
      if (Array.isArray(matrix) && matrix.length === 6) ctm = multiply(ctm, matrix as Matrix);
    } else if (fn === OPS.paintFormXObjectEnd) ctm = stack.pop() ?? IDENTITY;
    else if (fn === OPS.constructPath && args) {
      const paint = args[0] as number;
      const buffer = (args[1] as unknown[] | undefined)?.[0] as ArrayLike<number> | undefined;
      if (!buffer || typeof buffer !== 'object') return;
      if (strokes.has(paint) || both.has(paint)) rules.push(...rulesOfPath(buffer, ctm, false));
      if (fills.has(paint)) rules.push(...rulesOfPath(buffer, ctm, true));
    }
  });
  return rules;
}

async function textsOfPage(page: PageProxy): Promise<PdfText[]> {
  const content = await page.getTextContent();
  const texts: PdfText[] = [];
  for (const item of content.items) {
    if (!('str' in item) || item.str === '') continue;
    const [a, b, , , e, f] = item.transform as number[];
    const size = Math.hypot(a!, b!) || item.height || 10;
    texts.push({ str: item.str, x: e!, y: f!, width: item.width, size });
  }
  return texts;
}

export interface ReadPdfOptions {
  /** Called after each page with (pages done, pages in all). */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/**
 * Reads every page's text pieces and ruling lines. Refuses (never throws) a damaged or encrypted PDF,
 * and one without a text layer (a scan: no page has text).
 */
export async function readPdfTables(bytes: Uint8Array, options: ReadPdfOptions = {}): Promise<PdfContent> {
  const { getDocument, OPS } = await loadPdfjs();
  const dir = pdfjsDir();
  const task = getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: 0,
    standardFontDataUrl: `${path.join(dir, 'standard_fonts')}/`,
    cMapUrl: `${path.join(dir, 'cmaps')}/`,
    cMapPacked: true,
  });
  try {
    const doc = await task.promise;
    const pages: PdfPage[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const page = await doc.getPage(n);
      pages.push({ texts: await textsOfPage(page), rules: await rulesOfPage(page, OPS) });
      page.cleanup();
      options.onProgress?.(n, doc.numPages);
    }
    if (pages.every((p) => p.texts.every((t) => t.str.trim() === '')))
      return { ok: false, problem: 'no-text' };
    return { ok: true, pages };
  } catch (error) {
    const name = (error as { name?: unknown }).name;
    return { ok: false, problem: name === 'PasswordException' ? 'encrypted' : 'damaged' };
  } finally {
    await task.destroy();
  }
}
