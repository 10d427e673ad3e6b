/**
 * Turns a parsed plan table into what would be imported: tasks with their deadlines read and their
 * agencies resolved against the directory, plus every warning and error with its row and column.
 * Pure: the caller loads the directory and decides whether to write.
 */

import type { AgencyEntry } from '../agency/agency.ts';
import type { AgencyAlias, AgencyDirectory } from '../agency/agency-directory.ts';
import {
  type DocumentContext,
  directoryForDocument,
  nameInContext,
  readDocumentContext,
} from '../agency/document-context.ts';
import { expandCollective } from '../agency/expand-collective.ts';
import { findAbbreviationDefinitions } from '../agency/find-abbreviation-definitions.ts';
import { learnedAgencyEntry } from '../agency/learned-agency.ts';
import { parseAgencyCell } from '../agency/parse-agency-cell.ts';
import type { Deadline } from '../deadline/deadline.ts';
import { parseDeadline } from '../deadline/parse-deadline.ts';
import { foldForMatch } from '../text/normalize-vietnamese.ts';
import type { ParsedPlanTable, PlanIssue, PlanRow } from './plan-table.ts';

export interface PreviewIssue {
  row: number | string | null;
  line: number | null;
  column: string | null;
  message: string;
  messageEn: string;
}

export interface PreviewTask {
  /** The code as written in the STT column ("3", "II.3"). */
  code: string;
  /** The task's identity in the plan: `code`, or "II.3" when numbering restarts in each group. */
  ref: string;
  group: string | null;
  title: string;
  objective: string | null;
  output: string | null;
  /**
   * Who leads, in the order written: canonical names of known agencies (in the document's wording,
   * "Công an thành phố" in a city's plan), learned bodies as written, and collectives as named.
   */
  lead: string[];
  /** Directory keys of the agencies in `lead` (known and learned), not of collectives. */
  leadKeys: string[];
  support: string[];
  supportKeys: string[];
  /** Collective phrases naming no single agency ("Các sở, ban, ngành"), lead's and support's. */
  collective: string[];
  /** The collectives of `lead` and the directory keys of their members (empty when not expandable). */
  leadCollectives: Array<{ label: string; memberKeys: string[] }>;
  /** True when no agency of the directory leads: the lead is collective and cannot be expanded. */
  needsAssignment: boolean;
  leadRaw: string;
  supportRaw: string;
  deadline: Deadline;
  line: number;
}

export interface PlanPreview {
  plan: {
    key: string;
    title: string;
    documentNumber: string | null;
    issuingBody: string | null;
    issueDate: string | null;
    province: string | null;
    format: ParsedPlanTable['format'];
    announcedTasks: number[];
    announcedGroups: number[];
  };
  groups: Array<{ code: string; title: string }>;
  tasks: PreviewTask[];
  warnings: PreviewIssue[];
  errors: PreviewIssue[];
  unknownAgencies: Array<{ name: string; rows: string[] }>;
  /** Bodies the directory did not know, added to it as learned from this plan (rows are task refs). */
  learnedAgencies: Array<{ name: string; rows: string[] }>;
  /** Refs of tasks whose lead is collective and cannot be expanded: an admin must assign them. */
  needsAssignment: string[];
  /** The issuing body's level the names were read against. */
  context: DocumentContext;
  /**
   * Entries to store: district and commune committees the directory synthesised, and learned bodies
   * (with `learnedFrom`).
   */
  discoveredAgencies: AgencyEntry[];
}

export interface PreviewOptions {
  /** Title given by the admin (`--plan`); otherwise the document's title, otherwise the file name. */
  planTitle?: string | undefined;
  fileName?: string | undefined;
}

const LEAD_COLUMN = 'Cơ quan chủ trì';
const SUPPORT_COLUMN = 'Cơ quan phối hợp';
const DEADLINE_COLUMN = 'Thời gian hoàn thành';

/** Rows are numbers where the STT is ("23"), the code as written otherwise ("1.2"). */
function rowOf(code: string): number | string {
  return /^\d+$/u.test(code) ? Number(code) : code;
}

function fromPlanIssue(issue: PlanIssue): PreviewIssue {
  return {
    row: issue.row,
    line: issue.line,
    column: issue.column,
    message: issue.message,
    messageEn: issue.messageEn,
  };
}

/** A stable identity for a plan: its document number when it has one, else its folded title. */
export function planKey(title: string, documentNumber: string | null, province: string | null): string {
  const base = documentNumber ? `${documentNumber} ${province ?? ''}` : title;
  return (
    foldForMatch(base)
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-|-$/gu, '')
      .slice(0, 80)
      .replace(/-$/u, '') || 'plan'
  );
}

interface ResolvedCell {
  /** Agencies and collectives in the order written. */
  names: string[];
  keys: string[];
  collective: string[];
  unknown: string[];
  learned: AgencyEntry[];
  variants: Array<{ raw: string; abbreviation: string; name: string }>;
}

interface ReadContext {
  directory: AgencyDirectory;
  context: DocumentContext;
  planKey: string;
  referenceYear: number | undefined;
  issueDate: string | null;
  warnings: PreviewIssue[];
  unknown: Map<string, Set<string>>;
  learned: Map<string, { entry: AgencyEntry; rows: Set<string> }>;
}

function resolveCell(cell: string, ctx: ReadContext): ResolvedCell {
  const out: ResolvedCell = { names: [], keys: [], collective: [], unknown: [], learned: [], variants: [] };
  for (const mention of parseAgencyCell(cell, ctx.directory)) {
    if (mention.type === 'agency') {
      const name = nameInContext(mention.name, ctx.context);
      out.names.push(name);
      out.keys.push(mention.key);
      const entry = ctx.directory.get(mention.key);
      if (entry?.learnedFrom) out.learned.push(entry);
      if (mention.variantOf) out.variants.push({ raw: mention.raw, abbreviation: mention.variantOf, name });
    } else if (mention.type === 'learned') {
      const entry = learnedAgencyEntry(mention.name, ctx.planKey);
      if (out.keys.includes(entry.key)) continue;
      out.names.push(entry.name);
      out.keys.push(entry.key);
      out.learned.push(entry);
    } else if (mention.type === 'collective') {
      if (!out.names.includes(mention.label)) out.names.push(mention.label);
      out.collective.push(mention.label);
    } else {
      out.unknown.push(mention.raw);
    }
  }
  return out;
}

function noteCellIssues(
  cell: ResolvedCell,
  column: string,
  code: string,
  at: IssueAt,
  ctx: ReadContext,
): void {
  for (const entry of cell.learned) {
    const seen = ctx.learned.get(entry.key) ?? { entry, rows: new Set<string>() };
    seen.rows.add(code);
    ctx.learned.set(entry.key, seen);
  }
  for (const v of cell.variants) {
    ctx.warnings.push({
      ...at,
      column,
      message: `Viết tắt "${v.raw}" được hiểu là "${v.abbreviation}" (${v.name}). Nếu không đúng, hãy sửa trong văn bản.`,
      messageEn: `Abbreviation "${v.raw}" was read as "${v.abbreviation}" (${v.name}). Fix the document if that is wrong.`,
    });
  }
  for (const name of cell.unknown) {
    const rows = ctx.unknown.get(name) ?? new Set<string>();
    rows.add(code);
    ctx.unknown.set(name, rows);
    ctx.warnings.push({
      ...at,
      column,
      message: `Không nhận ra cơ quan "${name}". Thêm bí danh: npm run cli -- agencies alias "${name}" "<tên cơ quan>"`,
      messageEn: `Unknown agency "${name}". Add an alias: npm run cli -- agencies alias "${name}" "<agency name>"`,
    });
  }
}

type IssueAt = { row: number | string; line: number };

function readRow(row: PlanRow, ctx: ReadContext): PreviewTask {
  const at: IssueAt = { row: rowOf(row.ref), line: row.line };
  const lead = resolveCell(row.cells.lead ?? '', ctx);
  const support = resolveCell(row.cells.support ?? '', ctx);
  noteCellIssues(lead, LEAD_COLUMN, row.ref, at, ctx);
  noteCellIssues(support, SUPPORT_COLUMN, row.ref, at, ctx);
  const leadCollectives = [...new Set(lead.collective)].map((label) => ({
    label,
    memberKeys: expandCollective(label, ctx.directory, ctx.context.level).map((e) => e.key),
  }));
  const needsAssignment =
    lead.keys.length === 0 &&
    leadCollectives.length > 0 &&
    leadCollectives.every((c) => c.memberKeys.length === 0);
  if (needsAssignment) {
    ctx.warnings.push({
      ...at,
      column: LEAD_COLUMN,
      message: `Cơ quan chủ trì chỉ nêu chung ("${lead.collective.join(', ')}") và danh bạ chưa có thành viên để nhắc: cần phân công (lệnh /giao).`,
      messageEn: `The lead is collective ("${lead.collective.join(', ')}") and the directory has no members to remind: needs assignment (/giao).`,
    });
  }
  const { deadline, warning } = parseDeadline(row.cells.deadline ?? '', {
    ...(ctx.referenceYear ? { referenceYear: ctx.referenceYear } : {}),
    issueDate: ctx.issueDate,
  });
  if (warning) {
    ctx.warnings.push({
      ...at,
      column: DEADLINE_COLUMN,
      message: `Thời hạn "${deadline.raw}": ${warning}`,
      messageEn: `Deadline "${deadline.raw}": ${warning}`,
    });
  }
  return {
    code: row.code,
    ref: row.ref,
    group: row.group,
    title: row.cells.title ?? '',
    objective: row.cells.objective ?? null,
    output: row.cells.output ?? null,
    lead: lead.names,
    leadKeys: lead.keys,
    support: support.names.filter((n) => !lead.names.includes(n)),
    supportKeys: support.keys.filter((k) => !lead.keys.includes(k)),
    collective: [...new Set([...lead.collective, ...support.collective])],
    leadCollectives,
    needsAssignment,
    leadRaw: row.cells.lead ?? '',
    supportRaw: row.cells.support ?? '',
    deadline,
    line: row.line,
  };
}

/**
 * The directory one plan is read with: the base directory in the document's context (province, city,
 * ministry) plus the abbreviations the document defines, those of unknown bodies as learned entries.
 */
function planDirectory(
  table: ParsedPlanTable,
  base: AgencyDirectory,
  context: DocumentContext,
  planKeyValue: string,
): { directory: AgencyDirectory; definedAliases: AgencyAlias[] } {
  const inContext = directoryForDocument(base, context, { entries: [], aliases: [] });
  const texts = [
    ...(table.prose ?? []),
    ...table.rows.flatMap((r) => [r.cells.title ?? '', r.cells.lead ?? '', r.cells.support ?? '']),
  ];
  const entries: AgencyEntry[] = [];
  const aliases: AgencyAlias[] = [];
  for (const def of findAbbreviationDefinitions(texts, inContext)) {
    if (def.key !== null) {
      aliases.push({ alias: def.abbreviation, key: def.key });
      continue;
    }
    const entry = learnedAgencyEntry(def.name, planKeyValue);
    if (!entries.some((e) => e.key === entry.key)) entries.push(entry);
    aliases.push({ alias: def.abbreviation, key: entry.key });
  }
  return { directory: directoryForDocument(base, context, { entries, aliases }), definedAliases: aliases };
}

/** Committees the directory synthesised for the tasks' agencies (not in its entries). */
function synthesized(
  directory: AgencyDirectory,
  knownKeys: Set<string>,
  tasks: readonly PreviewTask[],
): AgencyEntry[] {
  const keys = new Set(tasks.flatMap((t) => [...t.leadKeys, ...t.supportKeys]));
  return [...keys]
    .filter((k) => !knownKeys.has(k))
    .map((k) => directory.get(k))
    .filter((e): e is AgencyEntry => e !== null);
}

/**
 * Reads a parsed table into the tasks to import, in the document's context (see
 * {@link readDocumentContext}): agencies resolved against the directory and the abbreviations the
 * document defines, unknown well-formed bodies learned, collective leads expanded or flagged, deadlines
 * dated (relative ones from the issue date).
 */
export function buildPlanPreview(
  table: ParsedPlanTable,
  baseDirectory: AgencyDirectory,
  options: PreviewOptions = {},
): PlanPreview {
  const title =
    options.planTitle?.trim() || table.meta.title || options.fileName?.replace(/\.[^.]+$/u, '') || 'Kế hoạch';
  const documentNumber = options.planTitle ? null : table.meta.documentNumber;
  const key = planKey(title, documentNumber, table.meta.province);
  const context = readDocumentContext(table.meta.issuingBody, table.meta.province);
  const { directory, definedAliases } = planDirectory(table, baseDirectory, context, key);
  const knownKeys = new Set(directory.entries().map((e) => e.key));
  const ctx: ReadContext = {
    directory,
    context,
    planKey: key,
    referenceYear: table.meta.issueDate ? Number(table.meta.issueDate.slice(0, 4)) : undefined,
    issueDate: table.meta.issueDate,
    warnings: table.warnings.map(fromPlanIssue),
    unknown: new Map(),
    learned: new Map(),
  };
  const tasks = table.rows.map((row) => readRow(row, ctx));
  const learned = [...ctx.learned.values()];
  const known = new Set(baseDirectory.entries().map((e) => e.key));
  return {
    plan: {
      key,
      title,
      documentNumber: table.meta.documentNumber,
      issuingBody: table.meta.issuingBody,
      issueDate: table.meta.issueDate,
      province: table.meta.province,
      format: table.format,
      announcedTasks: table.meta.announcedTasks,
      announcedGroups: table.meta.announcedGroups,
    },
    groups: table.groups.map((g) => ({ code: g.code, title: g.title })),
    tasks,
    warnings: ctx.warnings,
    errors: table.errors.map(fromPlanIssue),
    unknownAgencies: [...ctx.unknown].map(([name, rows]) => ({ name, rows: [...rows] })),
    learnedAgencies: learned.map((l) => ({ name: l.entry.name, rows: [...l.rows] })),
    needsAssignment: tasks.filter((t) => t.needsAssignment).map((t) => t.ref),
    context,
    discoveredAgencies: [
      ...synthesized(directory, knownKeys, tasks),
      ...learned
        .filter((l) => !known.has(l.entry.key))
        .map((l) => ({
          ...l.entry,
          aliases: definedAliases.filter((a) => a.key === l.entry.key).map((a) => a.alias),
        })),
    ],
  };
}
