import { describe, expect, it } from 'vitest';
import { scriptedInput } from '../../../domain/digest/__fixtures__/scripted-plan.ts';
import { buildDigest } from '../../../domain/digest/build-digest.ts';
import { renderDigestText } from './render-digest-text.ts';
import { cutLine, splitMessages } from './split-messages.ts';

const model = buildDigest(scriptedInput());

describe('renderDigestText', () => {
  it.each(['vi', 'en'] as const)(
    'GIVEN locale %s and a roomy limit THEN one message starts with the summary',
    (locale) => {
      const [message, ...rest] = renderDigestText(model, locale, 4000);
      expect(rest).toEqual([]);
      expect(message?.split('\n')[1]).toBe(model.summary[locale]);
    },
  );

  it('GIVEN vi THEN overdue tasks show days and agencies, blockers verbatim with who and when', () => {
    const text = renderDigestText(model, 'vi', 4000).join('\n');
    expect(text).toContain('Số liệu tính đến 08:00 15/11/2024');
    expect(text).toContain('• 10. Mô hình 10: tiện ích số 10 — quá 76 ngày (hạn 31/08/2024) — Sở Xây dựng');
    expect(text).toContain(
      '“Chưa có hướng dẫn kết nối dữ liệu hộ tịch <b>điện tử</b> & "liên thông"” — Nguyễn Văn An (Sở Tư pháp), 12/11/2024',
    );
    expect(text).toContain('• 6. Mô hình 6: tiện ích số 6 — hạn 20/11/2024 (còn 5 ngày) — Công an tỉnh');
    expect(text).toContain('• Sở Xây dựng — 2 lần nhắc, nhiệm vụ 10');
    expect(text.indexOf('Quá hạn (3)')).toBeLessThan(text.indexOf('Vướng mắc mới (2)'));
    expect(text.indexOf('Vướng mắc mới (2)')).toBeLessThan(text.indexOf('Sắp đến hạn'));
  });

  it('GIVEN a task whose collective lead nobody is assigned for THEN it is listed with the collective wording', () => {
    const input = scriptedInput();
    const index = input.tasks.findIndex((t) => t.status === 'not_started' || t.status === 'in_progress');
    const task = input.tasks[index]!;
    input.tasks[index] = { ...task, lead: ['UBND các xã, phường, đặc khu'], needsAssignment: true };
    const text = renderDigestText(buildDigest(input), 'vi', 4000).join('\n');
    expect(text).toContain('Cần phân công cơ quan chủ trì (chủ trì nêu chung) (1):');
    expect(text).toContain(`• ${task.code}. ${task.title} — UBND các xã, phường, đặc khu`);
    expect(text).not.toContain(' — —');
  });

  it('GIVEN an overdue task whose plan names no lead THEN the line says so instead of a dash', () => {
    const input = scriptedInput();
    const overdue = model.overdue[0]!;
    const index = input.tasks.findIndex((t) => t.id === overdue.taskId);
    input.tasks[index] = { ...input.tasks[index]!, lead: [] };
    const vi = renderDigestText(buildDigest(input), 'vi', 4000).join('\n');
    expect(vi).toContain(`• ${overdue.code}. ${overdue.title} — quá ${overdue.daysOverdue} ngày`);
    expect(vi).toContain('— chưa xác định cơ quan chủ trì');
    expect(vi).not.toMatch(/— —|— *$/mu);
    const en = renderDigestText(buildDigest(input), 'en', 4000).join('\n');
    expect(en).toContain('— no lead agency named');
  });

  it('GIVEN en THEN the labels are English', () => {
    const text = renderDigestText(model, 'en', 4000).join('\n');
    expect(text).toContain('Overdue (3):');
    expect(text).toContain('76 days overdue (due 31/08/2024)');
    expect(text).toContain('Agencies that did not answer reminders (2):');
  });

  it.each([120, 160, 250])(
    'GIVEN maxLength %i THEN every part fits, no line is cut and nothing is lost',
    (max) => {
      const whole = renderDigestText(model, 'vi', 100_000)[0] ?? '';
      const parts = renderDigestText(model, 'vi', max);
      expect(parts.length).toBeGreaterThan(1);
      for (const part of parts) expect(part.length).toBeLessThanOrEqual(max);
      const lines = (s: string): string[] => s.split('\n').filter((l) => l !== '');
      const longest = Math.max(...lines(whole).map((l) => l.length));
      if (longest <= max) expect(parts.flatMap(lines)).toEqual(lines(whole));
      else expect(parts.join(' ').replace(/\s+/g, ' ')).toBe(whole.replace(/\s+/g, ' '));
    },
  );

  it('GIVEN a limit shorter than a line THEN that line alone is cut at spaces and every part fits', () => {
    const parts = renderDigestText(model, 'vi', 60);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(60);
    expect(parts.join(' ')).toContain('Sở Xây dựng');
  });
});

describe('splitMessages and cutLine', () => {
  it.each<[string, string, number, string[]]>([
    ['a line that fits', 'một hai ba', 20, ['một hai ba']],
    ['words', 'một hai ba bốn', 7, ['một hai', 'ba bốn']],
    ['a word longer than the limit', 'abcdefghij', 4, ['abcd', 'efgh', 'ij']],
  ])('GIVEN %s THEN cutLine gives the expected pieces', (_name, line, max, expected) => {
    expect(cutLine(line, max)).toEqual(expected);
  });

  it('GIVEN a title and items THEN the title stays with its first item', () => {
    const parts = splitMessages([{ lines: ['A'] }, { lines: ['Title:', '• item one', '• item two'] }], 19);
    expect(parts).toEqual(['A', 'Title:\n• item one', '• item two']);
  });

  it('GIVEN maxLength 0 THEN it is refused', () => {
    expect(() => splitMessages([{ lines: ['x'] }], 0)).toThrow(RangeError);
  });
});
