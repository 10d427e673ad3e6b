/**
 * Turns a parsed plan table into what would be imported: tasks with their deadlines read and their
 * agencies resolved against the directory, plus every warning and error with its row and column.
 * Pure: the caller loads the directory and decides whether to write.
 */

import type { AgencyEntry } from '../agency/agency.ts';
import type { AgencyDirectory } from '../agency/agency-directory.ts';
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
  code: string;
  group: string | null;
  title: string;
  objective: string | null;
  output: string | null;
  /** Canonical names of the lead agencies, as the directory writes them. */
  lead: string[];
  leadKeys: string[];
  support: string[];
  supportKeys: string[];
  /** Collective phrases naming no single agency ("Các sở, ban, ngành"). */
  collective: string[];
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
  /** Entries the directory synthesised while reading (district and commune committees): to store. */
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
  names: string[];
  keys: string[];
  collective: string[];
  unknown: string[];
}

function resolveCell(cell: string, directory: AgencyDirectory): ResolvedCell {
  const out: ResolvedCell = { names: [], keys: [], collective: [], unknown: [] };
  for (const mention of parseAgencyCell(cell, directory)) {
    if (mention.type === 'agency') {
      out.names.push(mention.name);
      out.keys.push(mention.key);
    } else if (mention.type === 'collective') {
      out.collective.push(mention.label);
    } else {
      out.unknown.push(mention.raw);
    }
  }
  return out;
}

function readRow(
  row: PlanRow,
  directory: AgencyDirectory,
  referenceYear: number | undefined,
  issues: { warnings: PreviewIssue[]; unknown: Map<string, Set<string>> },
): PreviewTask {
  const at = { row: rowOf(row.code), line: row.line };
  const lead = resolveCell(row.cells.lead ?? '', directory);
  const support = resolveCell(row.cells.support ?? '', directory);
  for (const [cell, column] of [
    [lead, LEAD_COLUMN],
    [support, SUPPORT_COLUMN],
  ] as const) {
    for (const name of cell.unknown) {
      const rows = issues.unknown.get(name) ?? new Set<string>();
      rows.add(row.code);
      issues.unknown.set(name, rows);
      issues.warnings.push({
        ...at,
        column,
        message: `Không nhận ra cơ quan "${name}". Thêm bí danh: npm run cli -- agencies alias "${name}" "<tên cơ quan>"`,
        messageEn: `Unknown agency "${name}". Add an alias: npm run cli -- agencies alias "${name}" "<agency name>"`,
      });
    }
  }
  if (lead.keys.length === 0 && lead.collective.length > 0) {
    issues.warnings.push({
      ...at,
      column: LEAD_COLUMN,
      message: `Cơ quan chủ trì chỉ nêu chung ("${lead.collective.join(', ')}"): chưa có cơ quan cụ thể để nhắc việc; phân công bằng lệnh /giao.`,
      messageEn: `The lead is collective ("${lead.collective.join(', ')}"): no single agency to remind; assign one with /giao.`,
    });
  }
  const { deadline, warning } = parseDeadline(
    row.cells.deadline ?? '',
    referenceYear ? { referenceYear } : {},
  );
  if (warning) {
    issues.warnings.push({
      ...at,
      column: DEADLINE_COLUMN,
      message: `Thời hạn "${deadline.raw}": ${warning}`,
      messageEn: `Deadline "${deadline.raw}": ${warning}`,
    });
  }
  return {
    code: row.code,
    group: row.group,
    title: row.cells.title ?? '',
    objective: row.cells.objective ?? null,
    output: row.cells.output ?? null,
    lead: lead.names,
    leadKeys: lead.keys,
    support: support.names.filter((n) => !lead.names.includes(n)),
    supportKeys: support.keys.filter((k) => !lead.keys.includes(k)),
    collective: [...new Set([...lead.collective, ...support.collective])],
    leadRaw: row.cells.lead ?? '',
    supportRaw: row.cells.support ?? '',
    deadline,
    line: row.line,
  };
}

export function buildPlanPreview(
  table: ParsedPlanTable,
  directory: AgencyDirectory,
  options: PreviewOptions = {},
): PlanPreview {
  const knownKeys = new Set(directory.entries().map((e) => e.key));
  const referenceYear = table.meta.issueDate ? Number(table.meta.issueDate.slice(0, 4)) : undefined;
  const issues = { warnings: table.warnings.map(fromPlanIssue), unknown: new Map<string, Set<string>>() };
  const tasks = table.rows.map((row) => readRow(row, directory, referenceYear, issues));
  const title =
    options.planTitle?.trim() || table.meta.title || options.fileName?.replace(/\.[^.]+$/u, '') || 'Kế hoạch';
  const documentNumber = options.planTitle ? null : table.meta.documentNumber;
  return {
    plan: {
      key: planKey(title, documentNumber, table.meta.province),
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
    warnings: issues.warnings,
    errors: table.errors.map(fromPlanIssue),
    unknownAgencies: [...issues.unknown].map(([name, rows]) => ({ name, rows: [...rows] })),
    discoveredAgencies: directory.entries().filter((e) => !knownKeys.has(e.key)),
  };
}
