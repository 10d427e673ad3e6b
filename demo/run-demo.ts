/**
 * The story of `npm run demo`: the 2023 plan of seed 004 is imported, officers link their chats with
 * invite codes, then six weeks (1 March – 12 April 2023) are played day by day on a simulated clock:
 * the day's reminders are planned and sent, the officers answer in their own ways, an extension is
 * asked for and approved, late tasks escalate, and the committee receives its weekly and monthly digests.
 * Everything goes through the real service against the fake Telegram and Zalo servers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addDays, isoWeekday } from '../domain/calendar/civil-date.ts';
import { DEFAULT_WORK_CALENDAR, isWorkingDay, vnInstant } from '../domain/calendar/working-time.ts';
import { importPlan } from '../handlers/plan-import/import-plan.ts';
import { scheduleAndQueueReminders } from '../handlers/reminders/schedule-and-queue-reminders.ts';
import { type BuiltDigest, buildAndStoreDigest } from '../jobs/digest/build-and-store-digest.ts';
import { type SendDigestDeps, sendDigest } from '../jobs/digest/send-digest.ts';
import { resolveAgencyId } from '../store/agencies.ts';
import { createInvite, createOfficer } from '../store/officers.ts';
import { type Action, CAST, COMMITTEE_GROUP, type Persona, type ReminderLine } from './cast.ts';
import { Chats, outboxSettled } from './chat.ts';
import { printReport } from './report.ts';
import { type Clock, createClock, DEMO_DATABASE, type DemoServices, startDemoServices } from './services.ts';
import { Transcript } from './transcript.ts';

const SEED = path.resolve(import.meta.dirname, '../domain/plan/__fixtures__/004_6c047a4e24216869.txt');
const FIRST_DAY = '2023-03-01';
const LAST_DAY = '2023-04-12';
const GROUP_JOINS = '2023-03-16';
const WEEKDAYS = ['', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ Nhật'];

function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

interface Member extends Persona {
  officerId: number;
  memory: Set<string>;
  lastWrote: Date | null;
}

export async function runDemo(): Promise<number> {
  const started = Date.now();
  const clock = createClock(vnInstant(FIRST_DAY, '06:00'));
  progress(`• Tạo cơ sở dữ liệu ${DEMO_DATABASE}, khởi động Telegram/Zalo giả lập và dịch vụ…`);
  const services = await startDemoServices(clock);
  try {
    const dashboard = await play(services, clock);
    progress(`• Xong sau ${((Date.now() - started) / 1000).toFixed(1)} giây.`);
    await offerDashboard(dashboard);
    return 0;
  } finally {
    await services.close();
  }
}

/**
 * The committee member's dashboard link (sent by the bot in answer to /web): printed last; with a
 * terminal the service keeps running until a key is pressed, so that the link can be opened.
 */
async function offerDashboard(url: string): Promise<void> {
  const out = (s: string) => process.stdout.write(`${s}\n`);
  out('');
  out('== Trang theo dõi (dashboard) của thành viên Ban Chỉ đạo');
  out(`   ${url}`);
  out('   Dùng một lần, hiệu lực 10 phút (giờ mô phỏng của demo).');
  if (!process.stdin.isTTY) {
    out(
      '   (Không có bàn phím: dịch vụ dừng ngay. Chạy trong terminal để mở liên kết khi dịch vụ còn chạy.)',
    );
    return;
  }
  out('   Dịch vụ vẫn chạy: mở liên kết trong trình duyệt, rồi nhấn một phím bất kỳ để dừng.');
  process.stdin.setRawMode(true);
  process.stdin.resume();
  await new Promise<void>((resolve) => process.stdin.once('data', () => resolve()));
  process.stdin.setRawMode(false);
  process.stdin.pause();
}

/** What every scene of the story plays with. */
interface Stage {
  services: DemoServices;
  clock: Clock;
  transcript: Transcript;
  chats: Chats;
  /** How the digests are sent: the channels' text limits, parts 250 ms apart. */
  digestSend: SendDigestDeps;
  /** Minutes already given to scripted messages today, so that each gets a minute of its own. */
  minuteOfDay: number;
}

/** Sets the simulated clock to a day's local time and answers it. */
function setClock(stage: Stage, day: string, time: string): Date {
  stage.clock.value = vnInstant(day, time);
  return stage.clock.value;
}

/** Sets the clock to `from` plus the minutes used so far today, then uses two more minutes. */
function nextScriptedMinute(stage: Stage, day: string, from: string): Date {
  const [hours, minutes] = from.split(':').map(Number) as [number, number];
  const total = hours * 60 + minutes + stage.minuteOfDay;
  stage.minuteOfDay += 2;
  const time = `${String(Math.floor(total / 60)).padStart(2, '0')}:${String(total % 60).padStart(2, '0')}`;
  return setClock(stage, day, time);
}

/**
 * The whole story: the plan is imported, the cast links its chats, the working days are played, the
 * last messages go out and the report is printed. Answers the dashboard link the committee member got.
 */
async function play(services: DemoServices, clock: Clock): Promise<string> {
  const { db, runtime, telegram, zalo } = services;
  const transcript = new Transcript(db, telegram, zalo);
  const stage: Stage = {
    services,
    clock,
    transcript,
    chats: new Chats(services, clock, transcript),
    digestSend: {
      db,
      outbox: runtime.outbox,
      now: clock.now,
      limits: Object.fromEntries([...runtime.channels].map(([id, c]) => [id, c.maxTextLength])),
      spacingMs: 250,
    },
    minuteOfDay: 0,
  };
  await importSeedPlan(stage);
  const members = await linkCast(stage);
  const lastDigest = await playWorkingDays(stage, members);

  // Everything still paced (the group chat) goes out, then the report.
  progress('• Chờ nhóm Ban Chỉ đạo nhận hết báo cáo (Telegram cho phép nhóm 20 tin/phút: cách nhau 3 giây)…');
  await outboxSettled(db, true);
  await transcript.collect(clock.now());
  if (!lastDigest) throw new Error('no digest was built');
  await printReport({ services, transcript, lastDigest });
  return askForDashboard(stage, memberWithKey(members, 'committee'));
}

/** The member of the cast with this key (the cast always has a committee member and an admin). */
function memberWithKey(members: readonly Member[], key: string): Member {
  return members.find((m) => m.key === key)!;
}

/** 1. The plan: seed 004 is imported for real; a failed import stops the demo. */
async function importSeedPlan(stage: Stage): Promise<void> {
  const { db } = stage.services;
  const imported = await importPlan(db, { bytes: readFileSync(SEED), fileName: '004.txt', dryRun: false });
  if (imported.kind !== 'imported') throw new Error(`the seed plan did not import: ${imported.kind}`);
  const taskCount = await db.task.count();
  progress(`• Nhập kế hoạch: ${taskCount} nhiệm vụ (${imported.preview.warnings.length} cảnh báo)`);
}

/**
 * 2. People: at 08:00 on the first day every persona becomes an officer of its agency (in cast order),
 * then each links their chat with a real invite code, a minute or two apart.
 */
async function linkCast(stage: Stage): Promise<Member[]> {
  const { db } = stage.services;
  setClock(stage, FIRST_DAY, '08:00');
  const members: Member[] = [];
  for (const persona of CAST) members.push(await createMember(stage, persona));
  stage.transcript.register('telegram', COMMITTEE_GROUP.chatId, {
    name: COMMITTEE_GROUP.title,
    agency: null,
  });
  for (const member of members) {
    const { code } = await createInvite(db, {
      officerId: member.officerId,
      purpose: 'officer',
      now: stage.clock.now(),
    });
    nextScriptedMinute(stage, FIRST_DAY, '08:00');
    await stage.chats.say(member, member.channel === 'telegram' ? `/start ${code}` : code);
    member.lastWrote = stage.clock.now();
  }
  progress(`• ${members.length} người đã liên kết kênh bằng mã mời (Telegram và Zalo)`);
  return members;
}

/** One persona as an officer of its agency, named in the transcript by role (or as the agency's head). */
async function createMember(stage: Stage, persona: Persona): Promise<Member> {
  const { db } = stage.services;
  const agency = await resolveAgencyId(db, persona.agency);
  if (!agency) throw new Error(`agency not in the directory: ${persona.agency}`);
  const officer = await createOfficer(db, {
    name: persona.name,
    agencyId: agency.id,
    role: persona.role,
    locale: 'vi',
    ...(persona.isHead ? { isHead: true } : {}),
  });
  const roleNote =
    persona.role === 'admin'
      ? 'Tổ công tác'
      : persona.role === 'committee'
        ? 'Ban Chỉ đạo'
        : officer.agencyName;
  stage.transcript.register(persona.channel, persona.userId, {
    name: persona.name,
    agency: persona.isHead ? `Giám đốc ${officer.agencyName}` : roleNote,
  });
  return { ...persona, officerId: officer.id, memory: new Set(), lastWrote: null };
}

/** 3. Six weeks, day by day (working days only): answers the last digest built, if any. */
async function playWorkingDays(stage: Stage, members: readonly Member[]): Promise<BuiltDigest | null> {
  let lastDigest: BuiltDigest | null = null;
  for (let day = FIRST_DAY; day <= LAST_DAY; day = addDays(day, 1)) {
    if (!isWorkingDay(day, DEFAULT_WORK_CALENDAR)) continue;
    lastDigest = (await playDay(stage, members, day)) ?? lastDigest;
  }
  return lastDigest;
}

/**
 * One working day, in this order: the committee's group joins (on {@link GROUP_JOINS}), the digests due
 * go out, the reminders are planned and sent, the officers answer, the admin approves the extensions
 * asked for, and quiet Zalo users write. Answers the day's last digest, if any.
 */
async function playDay(stage: Stage, members: readonly Member[], day: string): Promise<BuiltDigest | null> {
  stage.minuteOfDay = 0;
  const before = stage.transcript.size;
  if (day === GROUP_JOINS) await linkCommitteeGroup(stage, memberWithKey(members, 'committee'), day);
  const { kinds, lastDigest } = await sendDueDigests(stage, day);
  const planned = await sendDayReminders(stage, day);
  await officersAnswer(stage, members, day);
  await adminApprovesExtensions(stage, memberWithKey(members, 'admin'), day);
  await quietZaloUsersWrite(stage, members, day);
  progress(
    `• ${day.slice(8, 10)}/${day.slice(5, 7)} ${WEEKDAYS[isoWeekday(day)]}: ${planned} lời nhắc, ` +
      `${stage.transcript.size - before} tin nhắn${kinds.length > 0 ? `, báo cáo ${kinds.join(' + ')}` : ''}`,
  );
  return lastDigest;
}

/**
 * The committee opens its group chat before the first monthly digest and links it with an
 * `invite --group` code. (Telegram allows a group 20 messages a minute: the outbox spaces them 3 s,
 * which is why the group joins mid-way rather than on day one: the demo stays under two minutes.)
 */
async function linkCommitteeGroup(stage: Stage, committee: Member, day: string): Promise<void> {
  const invite = await createInvite(stage.services.db, {
    officerId: null,
    purpose: 'digest_group',
    now: setClock(stage, day, '07:40'),
  });
  await stage.chats.say(committee, `/start ${invite.code}`, { groupChatId: COMMITTEE_GROUP.chatId });
}

/** The committee's digests: weekly on Mondays, monthly on the 16th (08:00, as the schedules do). */
async function sendDueDigests(
  stage: Stage,
  day: string,
): Promise<{ kinds: ('weekly' | 'monthly')[]; lastDigest: BuiltDigest | null }> {
  const { db } = stage.services;
  const kinds = [
    ...(isoWeekday(day) === 1 ? (['weekly'] as const) : []),
    ...(day.endsWith('-16') ? (['monthly'] as const) : []),
  ];
  let lastDigest: BuiltDigest | null = null;
  for (const kind of kinds) {
    const built = await buildAndStoreDigest({ db, kind, at: setClock(stage, day, '08:00') });
    await sendDigest(stage.digestSend, built.digest, built.model);
    await outboxSettled(db);
    await stage.transcript.collect(stage.clock.now());
    lastDigest = built;
  }
  return { kinds, lastDigest };
}

/** The day's reminders: planned at 07:30, sent at 08:30. Answers how many were planned. */
async function sendDayReminders(stage: Stage, day: string): Promise<number> {
  const { db, runtime } = stage.services;
  const planned = await scheduleAndQueueReminders(
    {
      db,
      outbox: runtime.outbox,
      sendTime: '08:30',
      channels: new Set(runtime.channels.keys()),
      calendar: DEFAULT_WORK_CALENDAR,
    },
    setClock(stage, day, '07:30'),
  );
  setClock(stage, day, '08:30');
  await outboxSettled(db);
  await stage.transcript.collect(stage.clock.now());
  return planned.lines.length;
}

/** The officers read the day's reminders and answer, each in their own way, from 09:00. */
async function officersAnswer(stage: Stage, members: readonly Member[], day: string): Promise<void> {
  const received = await remindersOf(stage.services, day);
  for (const member of members) {
    const lines = received.get(member.officerId) ?? [];
    if (lines.length === 0 || !member.react) continue;
    const actions = member.react(lines, member.memory);
    for (const action of actions) {
      nextScriptedMinute(stage, day, '09:00');
      await perform(stage.services, stage.chats, member, action);
      member.lastWrote = stage.clock.now();
    }
  }
}

/** An extension asked for today: the admin approves it with the button under the request, from 10:00. */
async function adminApprovesExtensions(stage: Stage, admin: Member, day: string): Promise<void> {
  const requested = await stage.services.db.deadlineExtension.findMany({ where: { state: 'requested' } });
  for (const ext of requested) {
    nextScriptedMinute(stage, day, '10:00');
    const request = lastBotMessage(stage.services, admin.userId, /^Đề nghị gia hạn/u);
    await stage.chats.press(admin, `/gh_duyet ${ext.id}`, request, 'Duyệt');
  }
}

/** Zalo users who have not written for five days open their task list (keeps the 7-day window open). */
async function quietZaloUsersWrite(stage: Stage, members: readonly Member[], day: string): Promise<void> {
  for (const member of members) {
    if (member.channel !== 'zalo' || !member.lastWrote) continue;
    if (stage.clock.now().getTime() - member.lastWrote.getTime() < 5 * 86_400_000) continue;
    nextScriptedMinute(stage, day, '16:00');
    await stage.chats.say(member, '/nhiemvu');
    member.lastWrote = stage.clock.now();
  }
}

/** The committee member asks for the dashboard in their private chat; answers the link the bot sent. */
async function askForDashboard(stage: Stage, committee: Member): Promise<string> {
  await stage.chats.say(committee, '/web');
  await outboxSettled(stage.services.db, true);
  const answer = stage.services.telegram
    .sent(committee.userId)
    .map((c) => String(c.params['text'] ?? ''))
    .findLast((text) => text.includes('/login/'));
  const url = answer?.match(/https?:\/\/\S+\/login\/[A-Za-z0-9_-]+/u)?.[0];
  if (!url) throw new Error('the bot did not answer /web with a dashboard link');
  return url;
}

/** The reminders each officer received on `day` (queued in a message that was sent), by officer. */
async function remindersOf(services: DemoServices, day: string): Promise<Map<number, ReminderLine[]>> {
  const rows = await services.db.reminder.findMany({
    where: { dueDay: new Date(`${day}T00:00:00Z`), delivery: { state: 'sent' } },
    select: { officerId: true, kind: true, task: { select: { code: true } } },
    orderBy: { id: 'asc' },
  });
  const out = new Map<number, ReminderLine[]>();
  for (const row of rows) {
    const list = out.get(row.officerId) ?? [];
    list.push({ code: row.task.code, kind: row.kind });
    out.set(row.officerId, list);
  }
  return out;
}

/** The id of the last message the bot sent to a Telegram chat whose text matches. */
function lastBotMessage(services: DemoServices, chatId: string, pattern: RegExp): number | null {
  const calls = services.telegram.sent(chatId).filter((c) => pattern.test(String(c.params['text'] ?? '')));
  const last = calls.at(-1);
  return last ? ((last.result as { message_id: number }).message_id ?? null) : null;
}

async function perform(services: DemoServices, chats: Chats, member: Member, action: Action): Promise<void> {
  const reminder =
    member.channel === 'telegram' ? lastBotMessage(services, member.userId, /^Nhắc việc/u) : null;
  if (action.type === 'button') {
    await chats.press(member, action.payload, reminder, action.label);
  } else if (action.replyToReminder && reminder !== null) {
    await chats.say(member, action.text, { replyTo: reminder });
  } else {
    await chats.say(member, action.text);
  }
}
