/**
 * The people of the demo: a focal officer for each of the eight agencies that hold most of the 2023
 * plan's tasks (half on Telegram, half on Zalo), the head of one agency, the working group's admin and a
 * steering-committee member, each with a way of answering reminders.
 */
import type { ChatUser } from './chat.ts';

/** One task of a reminder an officer received today. */
export interface ReminderLine {
  code: string;
  kind: string;
}

/** What a person does after reading the day's reminder. */
export type Action =
  | { type: 'text'; text: string; replyToReminder?: boolean }
  | { type: 'button'; payload: string; label: string };

export interface Persona extends ChatUser {
  key: string;
  name: string;
  /** Agency as the directory knows it (name, short form or abbreviation). */
  agency: string;
  role: 'officer' | 'committee' | 'admin';
  isHead?: boolean;
  /** How they answer; absent: they never answer. */
  react?(lines: ReminderLine[], memory: Set<string>): Action[];
}

const isLead = (l: ReminderLine) => l.kind !== 'support-input';
const once = (memory: Set<string>, key: string) => !memory.has(key) && Boolean(memory.add(key));

export const CAST: Persona[] = [
  {
    key: 'police',
    name: 'Nguyễn Văn Hùng',
    agency: 'Công an tỉnh',
    role: 'officer',
    channel: 'telegram',
    userId: '7001',
    firstName: 'Hùng',
    // Presses buttons: "Đang triển khai" then the percentage on early reminders, "Hoàn thành" near the deadline.
    react(lines, memory) {
      const actions: Action[] = [];
      const near = lines.filter((l) => ['T-3', 'T-1', 'T0'].includes(l.kind));
      for (const l of near) actions.push({ type: 'button', payload: `#${l.code} xong`, label: 'Hoàn thành' });
      const early = lines.find((l) => ['T-14', 'T-7', 'monthly'].includes(l.kind));
      if (early) {
        actions.push({ type: 'button', payload: `#${early.code} dang`, label: 'Đang triển khai' });
        actions.push({
          type: 'text',
          text: early.kind === 'monthly' ? '80 đã kiểm tra 9/11 huyện' : '40 đã khảo sát 6/11 huyện, thị xã',
        });
      }
      const support = lines.find((l) => l.kind === 'support-input' && l.code === '16');
      if (support && once(memory, 'input-16'))
        actions.push({ type: 'text', text: '#16 đang làm 60% đã kết nối dữ liệu CCCD với 3 bệnh viện' });
      return actions;
    },
  },
  {
    key: 'office',
    name: 'Trần Thị Lan',
    agency: 'VP UBND tỉnh',
    role: 'officer',
    channel: 'zalo',
    userId: '8757318465512390001',
    firstName: 'Lan',
    // Types with diacritics, several tasks in one message.
    react(lines, memory) {
      const monthly = lines.filter((l) => l.kind === 'monthly').map((l) => l.code);
      const actions: Action[] = [];
      const report: Record<string, string> = {
        '4': '#4 đang làm 70% đã ban hành văn bản chỉ đạo 11/11 huyện',
        '15': '#15 đang làm 45% đã số hóa 12.000 hồ sơ',
        '32': '#32 đang làm 55% đã tuyên truyền tại 80 xã',
      };
      const text = monthly.flatMap((c) => (report[c] ? [report[c]] : [])).join('\n');
      if (text) actions.push({ type: 'text', text });
      const support = lines.find((l) => l.kind === 'support-input');
      if (support && once(memory, `input-${support.code}`))
        actions.push({ type: 'text', text: `#${support.code} đang làm 20% đã cử 2 cán bộ phối hợp` });
      return actions;
    },
  },
  {
    key: 'science',
    name: 'Lê Minh Khoa',
    agency: 'Sở Khoa học và Công nghệ',
    role: 'officer',
    channel: 'telegram',
    userId: '7003',
    firstName: 'Khoa',
    // Types without diacritics, as a reply to the reminder when it is about one task.
    react(lines) {
      const lead = lines.filter(isLead);
      if (lead.length === 1)
        return [{ type: 'text', text: 'dang lam 50% da chi dao 5 co quan bao chi', replyToReminder: true }];
      if (lead.length > 1) return [{ type: 'text', text: `#${lead[0]?.code} dang lam 50% da hop giao ban` }];
      return [];
    },
  },
  {
    key: 'health',
    name: 'Phạm Thị Hoa',
    agency: 'Sở Y tế',
    role: 'officer',
    channel: 'zalo',
    userId: '8757318465512390002',
    firstName: 'Hoa',
    // Gets the form wrong once, reads the explanation, then reports correctly.
    react(lines, memory) {
      const actions: Action[] = [];
      const t16 = lines.find((l) => l.code === '16' && isLead(l));
      if (t16?.kind === 'T-14') {
        actions.push({ type: 'text', text: '#16 dnag 150%' });
        actions.push({ type: 'text', text: '#16 đang làm 50% đã hướng dẫn 8/12 bệnh viện' });
      } else if (t16?.kind === 'T-7') {
        actions.push({ type: 'text', text: '#16 75% đã hướng dẫn 10/12 bệnh viện' });
      } else if (t16 && ['T-1', 'T0'].includes(t16.kind) && once(memory, 'done-16')) {
        actions.push({ type: 'text', text: '#16 xong' });
      }
      if (lines.some((l) => l.code === '27' && l.kind === 'monthly'))
        actions.push({ type: 'text', text: '#27 đang làm 60% đã liên thông dữ liệu 3 bệnh viện' });
      return actions;
    },
  },
  {
    key: 'finance',
    name: 'Võ Văn Tài',
    agency: 'Sở Tài chính',
    role: 'officer',
    channel: 'telegram',
    userId: '7005',
    firstName: 'Tài',
    // Never answers: task #3 goes overdue and escalates.
  },
  {
    key: 'finance-head',
    name: 'Đặng Minh Tuấn',
    agency: 'Sở Tài chính',
    role: 'officer',
    isHead: true,
    channel: 'telegram',
    userId: '7015',
    firstName: 'Tuấn',
  },
  {
    key: 'justice',
    name: 'Hồ Thị Mai',
    agency: 'Sở Tư pháp',
    role: 'officer',
    channel: 'zalo',
    userId: '8757318465512390003',
    firstName: 'Mai',
    // Taps the Zalo buttons (a tap sends the button's text).
    react(lines) {
      const first = lines.find((l) => l.kind === 'monthly');
      if (!first) return [];
      return [
        { type: 'button', payload: `#${first.code} dang`, label: 'Đang triển khai' },
        { type: 'text', text: '45' },
      ];
    },
  },
  {
    key: 'education',
    name: 'Ngô Thanh Bình',
    agency: 'Sở Giáo dục và Đào tạo',
    role: 'officer',
    channel: 'telegram',
    userId: '7007',
    firstName: 'Bình',
    // Asks for more time on the first reminder.
    react(lines, memory) {
      if (!lines.some((l) => l.code === '19') || !once(memory, 'extension')) return [];
      return [
        {
          type: 'text',
          text: '/xingiahan 19 30/04/2023 Chờ Bộ GD&ĐT hướng dẫn thu học phí không dùng tiền mặt',
        },
      ];
    },
  },
  {
    key: 'home',
    name: 'Đỗ Thị Thu',
    agency: 'Sở Nội vụ',
    role: 'officer',
    channel: 'zalo',
    userId: '8757318465512390004',
    firstName: 'Thu',
    // Reports a blocker; the task still runs late.
    react(lines, memory) {
      const actions: Action[] = [];
      const t20 = lines.find((l) => l.code === '20' && isLead(l));
      if (t20 && once(memory, 'blocked-20'))
        actions.push({ type: 'text', text: '#20 vuong: chua nhan duoc danh sach doi tuong tu BHXH tinh' });
      else if (t20?.kind === 'escalation')
        actions.push({ type: 'text', text: '#20 đang làm 20% đã nhận danh sách, đang đối chiếu' });
      if (lines.some((l) => l.code === '24' && l.kind === 'monthly'))
        actions.push({ type: 'text', text: '#24 đang làm 30% đã làm sạch 40% dữ liệu người có công' });
      return actions;
    },
  },
  {
    key: 'admin',
    name: 'Phạm Quốc Trung',
    agency: 'Công an tỉnh',
    role: 'admin',
    channel: 'telegram',
    userId: '7100',
    firstName: 'Trung',
  },
  {
    key: 'committee',
    name: 'Trương Văn Đức',
    agency: 'VP UBND tỉnh',
    role: 'committee',
    channel: 'telegram',
    userId: '7200',
    firstName: 'Đức',
  },
];

/** The committee's group chat on Telegram (a supergroup: negative id). */
export const COMMITTEE_GROUP = { chatId: '-1001700000001', title: 'Nhóm Ban Chỉ đạo Đề án 06 tỉnh' };
