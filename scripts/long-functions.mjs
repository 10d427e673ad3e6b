// Lists the production functions longer than a limit (80 lines unless `--max=N`), longest first, with
// their name, file:line and length, so that a long function is seen before it grows further. A report:
// it always exits 0. Tests, test support (test/, __fixtures__/), generated code and build output are left out.
//
//   node scripts/long-functions.mjs            functions over 80 lines
//   node scripts/long-functions.mjs --max=60   functions over 60 lines
//   node scripts/long-functions.mjs --root=DIR another checkout (default: this repository)
//
// Length counts the lines from the function's first token (after its doc comment) to its closing
// brace, inclusive; a function nested in another is listed on its own and also counts in the outer one.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const ROOT = rootFromArgs(process.argv.slice(2));
const SOURCE = /\.(?:[cm]?ts|[cm]?js|tsx|jsx)$/u;
const SKIPPED_DIRS = new Set([
  'node_modules',
  'dist',
  'coverage',
  'demo-output',
  'test-output',
  'test',
  '__fixtures__',
  '__mocks__',
]);
const SKIPPED_PATHS = ['prisma/generated/'];
const TEST_FILE = /\.(?:test|spec)\.[cm]?[jt]sx?$/u;
const DECLARATION_FILE = /\.d\.[cm]?ts$/u;

/** The `--root=DIR` argument, else the repository this script is in. */
function rootFromArgs(argv) {
  const arg = argv.find((a) => a.startsWith('--root='));
  return path.resolve(arg ? arg.slice('--root='.length) : path.join(import.meta.dirname, '..'));
}

/** The `--max=N` argument, else 80. */
function maxLinesFromArgs(argv) {
  const arg = argv.find((a) => a.startsWith('--max='));
  const max = arg ? Number(arg.slice('--max='.length)) : 80;
  if (!Number.isInteger(max) || max < 1) throw new Error(`--max must be a positive whole number, got ${arg}`);
  return max;
}

/** Whether a repository-relative path is production source: not a test, not generated, not build output. */
function isProductionSource(relative) {
  if (!SOURCE.test(relative) || TEST_FILE.test(relative) || DECLARATION_FILE.test(relative)) return false;
  if (SKIPPED_PATHS.some((prefix) => relative.startsWith(prefix))) return false;
  return !relative.split('/').some((part) => SKIPPED_DIRS.has(part));
}

/** The files git knows about (tracked and new, not ignored); a plain directory walk outside a checkout. */
function listFiles() {
  try {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    // A file deleted but not yet staged is still listed by git.
    return out.split('\0').filter((file) => file && existsSync(path.join(ROOT, file)));
  } catch {
    return walk('');
  }
}

/** Every file under a repository-relative directory, skipping hidden and skipped directories. */
function walk(relativeDir) {
  const files = [];
  for (const entry of readdirSync(path.join(ROOT, relativeDir), { withFileTypes: true })) {
    const relative = relativeDir ? `${relativeDir}/${entry.name}` : entry.name;
    if (entry.isDirectory()) {
      if (!entry.name.startsWith('.') && !SKIPPED_DIRS.has(entry.name)) files.push(...walk(relative));
    } else files.push(relative);
  }
  return files;
}

/** The text of a name node (identifier, string or computed key). */
function nameText(name, sourceFile) {
  if (!name) return null;
  if (ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name)) return name.text;
  return name.getText(sourceFile);
}

/** The name of the class, object or call a function sits in, for methods and callbacks. */
function ownerName(node, sourceFile) {
  const parent = node.parent;
  if (ts.isClassLike(parent)) return nameText(parent.name, sourceFile) ?? '<class>';
  if (ts.isObjectLiteralExpression(parent)) {
    const holder = parent.parent;
    if (ts.isVariableDeclaration(holder) || ts.isPropertyAssignment(holder))
      return nameText(holder.name, sourceFile);
  }
  return null;
}

/** A readable name: `f`, `Class.method`, `const f = () => ...` as `f`, a callback as `<callback of g>`. */
function functionName(node, sourceFile) {
  if (ts.isConstructorDeclaration(node)) return `${ownerName(node, sourceFile) ?? '<class>'}.constructor`;
  const own = 'name' in node ? nameText(node.name, sourceFile) : null;
  if (own && !ts.isFunctionExpression(node)) {
    const owner = ts.isFunctionDeclaration(node) ? null : ownerName(node, sourceFile);
    return owner ? `${owner}.${own}` : own;
  }
  const parent = node.parent;
  if (
    ts.isVariableDeclaration(parent) ||
    ts.isPropertyDeclaration(parent) ||
    ts.isPropertyAssignment(parent)
  ) {
    const name = nameText(parent.name, sourceFile);
    const owner = ts.isVariableDeclaration(parent) ? null : ownerName(parent, sourceFile);
    return owner ? `${owner}.${name}` : name;
  }
  if (ts.isCallExpression(parent)) {
    const callee = parent.expression.getText(sourceFile).replace(/\s+/gu, ' ');
    return `<callback of ${callee.length > 40 ? `${callee.slice(0, 39)}…` : callee}>`;
  }
  return own ?? '<anonymous>';
}

/** Every function-like node of one file with a body, with its name, first line and length in lines. */
function functionsOf(relative) {
  const text = readFileSync(path.join(ROOT, relative), 'utf8');
  const sourceFile = ts.createSourceFile(relative, text, ts.ScriptTarget.Latest, true);
  const found = [];
  const visit = (node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = sourceFile.getLineAndCharacterOfPosition(node.getStart(sourceFile)).line;
      const last = sourceFile.getLineAndCharacterOfPosition(node.getEnd()).line;
      found.push({
        name: functionName(node, sourceFile),
        file: relative,
        line: first + 1,
        lines: last - first + 1,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

const max = maxLinesFromArgs(process.argv.slice(2));
const long = listFiles()
  .filter(isProductionSource)
  .flatMap(functionsOf)
  .filter((fn) => fn.lines > max)
  .sort((a, b) => b.lines - a.lines || a.file.localeCompare(b.file) || a.line - b.line);

if (long.length === 0) console.log(`No production function over ${max} lines.`);
else {
  console.log(`${long.length} production function(s) over ${max} lines:`);
  const width = String(long[0].lines).length;
  for (const fn of long)
    console.log(`${String(fn.lines).padStart(width)}  ${fn.name}  ${fn.file}:${fn.line}`);
}
