import { describe, expect, it } from 'vitest';
import { scriptedInput } from '../../domain/digest/__fixtures__/scripted-plan.ts';
import { buildDigest } from '../../domain/digest/build-digest.ts';
import { digestParts, MAX_TEXT_PARTS, renderDigestFiles } from './digest-messages.ts';
import { renderDigestText } from './render/render-digest-text.ts';

const model = buildDigest(scriptedInput());
const files = await renderDigestFiles(model, '2024-W46', 'vi');

describe('digestParts', () => {
  it('GIVEN a digest THEN chart first, text parts within the limit, spreadsheet last with its file name', () => {
    const parts = digestParts(model, 'vi', 4096, files);
    expect(parts.map((p) => p.part)).toEqual(['chart', 'text-1', 'xlsx']);
    expect(parts[0]?.message.attachments?.[0]).toMatchObject({
      kind: 'image',
      filename: 'bao-cao-tuan-2024-W46.png',
    });
    expect(parts[2]?.message.attachments?.[0]).toMatchObject({
      kind: 'document',
      filename: 'bao-cao-tuan-2024-W46.xlsx',
    });
  });

  it('GIVEN a limit that needs more messages than allowed THEN the last text message points to the spreadsheet', () => {
    const all = renderDigestText(model, 'vi', 300);
    expect(all.length).toBeGreaterThan(MAX_TEXT_PARTS);
    const texts = digestParts(model, 'vi', 300, files).filter((p) => p.part.startsWith('text-'));
    expect(texts).toHaveLength(MAX_TEXT_PARTS);
    expect(texts.slice(0, -1).map((p) => p.message.text)).toEqual(all.slice(0, MAX_TEXT_PARTS - 1));
    expect(texts.at(-1)?.message.text).toBe(
      `… còn ${all.length - MAX_TEXT_PARTS + 1} tin nhắn nữa: xem đầy đủ trong bảng tính đính kèm.`,
    );
    for (const p of texts) expect(p.message.text.length).toBeLessThanOrEqual(300);
  });
});
