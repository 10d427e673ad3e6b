import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { parse as parseCsv } from 'csv-parse/sync';
import { z } from 'zod';
import { resolveAgencyId } from '../../store/agencies.ts';
import { createInvite, createOfficer, getOfficer } from '../../store/officers.ts';
import type { PrismaClient } from '../../store/prisma-client.ts';
import { type CliContext, CliError, EXIT_USAGE } from '../context.ts';

const OfficerInput = z.object({
  name: z.string().trim().min(2, 'name must have at least 2 characters'),
  agency: z.string().trim().min(2, 'agency is required'),
  role: z.enum(['officer', 'committee', 'admin']).default('officer'),
  locale: z.enum(['vi', 'en']).default('vi'),
  phone: z.string().trim().optional(),
  email: z.string().trim().optional(),
});

async function addOfficer(db: PrismaClient, input: z.infer<typeof OfficerInput>) {
  const agency = await resolveAgencyId(db, input.agency);
  if (!agency)
    throw new CliError(`No agency matches "${input.agency}". List them with: npm run cli -- agencies`);
  const officer = await createOfficer(db, {
    name: input.name,
    agencyId: agency.id,
    role: input.role,
    locale: input.locale,
    phone: input.phone ?? null,
    email: input.email ?? null,
  });
  return {
    id: officer.id,
    name: officer.name,
    agency: officer.agencyName,
    role: officer.role,
    locale: officer.locale,
  };
}

/** CSV headers in Vietnamese or English: Họ tên/name, Cơ quan/agency, Vai trò/role, Ngôn ngữ/locale, ... */
const HEADER_ALIASES: Record<string, keyof z.infer<typeof OfficerInput>> = {
  name: 'name',
  'ho ten': 'name',
  'ho va ten': 'name',
  'can bo': 'name',
  agency: 'agency',
  'co quan': 'agency',
  'don vi': 'agency',
  role: 'role',
  'vai tro': 'role',
  locale: 'locale',
  'ngon ngu': 'locale',
  phone: 'phone',
  'dien thoai': 'phone',
  'so dien thoai': 'phone',
  email: 'email',
};

function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/giu, 'd').toLowerCase().trim();
}

/** The options of `invite`. */
interface InviteOptions {
  group?: boolean;
  hours: string;
  json?: boolean;
}

export function registerOfficers(program: Command, ctx: CliContext): void {
  const officer = program
    .command('officer')
    .description('Officers (focal points of agencies), committee members and admins');
  officer
    .command('add')
    .description('Add an officer')
    .requiredOption('--name <name>', 'full name')
    .requiredOption('--agency <agency>', 'agency name or alias, e.g. "Sở TT&TT"')
    .option('--role <role>', 'officer | committee | admin', 'officer')
    .option('--locale <locale>', 'vi | en', 'vi')
    .option('--json', 'print as JSON')
    .action((opts: Record<string, string | boolean | undefined>) => addOfficerFromOptions(ctx, opts));
  officer
    .command('import')
    .description(
      'Add officers from a CSV (headers: Họ tên, Cơ quan, Vai trò, Ngôn ngữ, Điện thoại, Email); checks every row first and imports nothing if one is wrong',
    )
    .argument('<csv>', 'the CSV file')
    .option('--json', 'print as JSON')
    .action((file: string, opts: { json?: boolean }) => importOfficersCsv(ctx, file, opts));

  program
    .command('invite')
    .description('A single-use invite code for an officer (or, with --group, for a committee group chat)')
    .argument('[officerId]', 'the officer id (from officer add)')
    .option('--group', 'a code that links a group chat as a digest recipient')
    .option('--hours <hours>', 'validity in hours', '72')
    .option('--json', 'print as JSON')
    .action((officerId: string | undefined, opts: InviteOptions) => createInviteCode(ctx, officerId, opts));
}

/** `officer add`: validates the options and adds the officer; a bad option is a usage error. */
async function addOfficerFromOptions(
  ctx: CliContext,
  opts: Record<string, string | boolean | undefined>,
): Promise<void> {
  const parsed = OfficerInput.safeParse(opts);
  if (!parsed.success)
    throw new CliError(
      parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'),
      EXIT_USAGE,
    );
  const row = await addOfficer(await ctx.db(), parsed.data);
  if (opts['json']) ctx.json(row);
  else ctx.out(`Officer #${row.id} ${row.name} — ${row.agency} (${row.role}, ${row.locale})`);
}

/**
 * `officer import`: reads the CSV, checks every row (its fields, then its agency) and adds the officers
 * only when all rows are good; otherwise nothing is written and every bad row is listed.
 */
async function importOfficersCsv(ctx: CliContext, file: string, opts: { json?: boolean }): Promise<void> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(`Cannot read ${file}`);
  });
  const rows = parseCsv(text.replace(/^\uFEFF/u, ''), {
    skip_empty_lines: true,
    relax_column_count: true,
  }) as string[][];
  const header = (rows[0] ?? []).map((h) => HEADER_ALIASES[fold(h)]);
  if (!header.includes('name') || !header.includes('agency')) {
    throw new CliError('The CSV needs at least the columns "Họ tên" (name) and "Cơ quan" (agency)');
  }
  const inputs: Array<z.infer<typeof OfficerInput>> = [];
  const errors: string[] = [];
  for (const [index, row] of rows.slice(1).entries()) {
    const record: Record<string, string> = {};
    header.forEach((key, col) => {
      if (key && row[col]?.trim()) record[key] = row[col].trim();
    });
    const parsed = OfficerInput.safeParse(record);
    if (parsed.success) inputs.push(parsed.data);
    else
      errors.push(
        `row ${index + 2}: ${parsed.error.issues.map((i) => `${String(i.path[0])} ${i.message}`).join('; ')}`,
      );
  }
  const db = await ctx.db();
  for (const [index, input] of inputs.entries()) {
    if (!(await resolveAgencyId(db, input.agency)))
      errors.push(`row ${index + 2}: no agency matches "${input.agency}"`);
  }
  if (errors.length > 0) throw new CliError(`Nothing imported:\n${errors.join('\n')}`);
  // Every row was validated above, so nothing is written unless all rows are good.
  const created = [];
  for (const input of inputs) created.push(await addOfficer(db, input));
  if (opts.json) ctx.json(created);
  else ctx.out(`Imported ${created.length} officers.`);
}

/**
 * `invite`: a single-use code for an officer (or, with `--group`, a group chat), with a Telegram link
 * when the bot's username is set.
 */
async function createInviteCode(
  ctx: CliContext,
  officerId: string | undefined,
  opts: InviteOptions,
): Promise<void> {
  const hours = Number(opts.hours);
  if (!Number.isFinite(hours) || hours <= 0 || hours > 24 * 30)
    throw new CliError('--hours must be 1-720', EXIT_USAGE);
  const db = await ctx.db();
  let officer = null;
  if (!opts.group) {
    const id = Number(officerId);
    if (!Number.isInteger(id)) throw new CliError('Usage: invite <officer id> | invite --group', EXIT_USAGE);
    officer = await getOfficer(db, id);
    if (!officer) throw new CliError(`No officer #${id}`);
  }
  const invite = await createInvite(db, {
    officerId: officer?.id ?? null,
    purpose: opts.group ? 'digest_group' : 'officer',
    now: new Date(),
    ttlHours: hours,
  });
  const username = ctx.env('TELEGRAM_BOT_USERNAME');
  const link = username ? `https://t.me/${username}?start${opts.group ? 'group' : ''}=${invite.code}` : null;
  const out = {
    code: invite.code,
    expiresAt: invite.expiresAt.toISOString(),
    officer: officer ? { id: officer.id, name: officer.name } : null,
    telegramLink: link,
  };
  if (opts.json) return ctx.json(out);
  ctx.out(
    `Code ${invite.code} (valid until ${out.expiresAt})${officer ? ` for ${officer.name}` : ' for a group chat'}`,
  );
  ctx.out(
    link
      ? `Telegram: ${link}`
      : 'Telegram: send "/start <code>" to the bot (set TELEGRAM_BOT_USERNAME for a link)',
  );
  ctx.out('Zalo: follow the Official Account and send the code as a message.');
}
