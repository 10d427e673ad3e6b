/**
 * A digest as the messages one chat receives, in order: the chart first (committee members look
 * before they read), then the text split at the channel's limit, then the spreadsheet.
 */
import type { DigestKind } from '../../domain/digest/digest-input.ts';
import type { DigestModel } from '../../domain/digest/digest-model.ts';
import type { ChannelId, OutgoingAttachment, OutgoingMessage } from '../../handlers/channel.ts';
import { type LocaleCode, t } from '../../locales/index.ts';
import { renderDigestPng } from './render/render-digest-chart.ts';
import { renderDigestText } from './render/render-digest-text.ts';
import { renderDigestXlsx } from './render/render-digest-xlsx.ts';

/**
 * Longest text of one message per channel (Telegram 4096, Zalo OA 2000). Kept here rather than read
 * from the adapters because jobs never import bot/; the runtime may pass the live channels' limits.
 */
export const DIGEST_TEXT_LIMITS: Readonly<Record<ChannelId, number>> = { telegram: 4096, zalo: 2000 };

/** Most text messages one chat receives per digest (the last one says the rest is in the spreadsheet). */
export const MAX_TEXT_PARTS = 8;

/** One message of a digest; `part` names it in the outbox key ("chart", "text-1", "xlsx"). */
export interface DigestPart {
  part: string;
  message: OutgoingMessage;
}

/** The chart and the spreadsheet of a digest in one language (rendered once, sent to many chats). */
export interface DigestFiles {
  chart: OutgoingAttachment;
  xlsx: OutgoingAttachment;
}

const FILE_STEM: Record<LocaleCode, Record<DigestKind, string>> = {
  vi: { weekly: 'bao-cao-tuan', monthly: 'bao-cao-thang', quarterly: 'bao-cao-quy' },
  en: { weekly: 'digest-weekly', monthly: 'digest-monthly', quarterly: 'digest-quarterly' },
};

/** File name of a digest file: ASCII, with the period key ("bao-cao-tuan-2024-W26.xlsx"). */
export function digestFileName(
  kind: DigestKind,
  periodKey: string,
  locale: LocaleCode,
  ext: 'xlsx' | 'png' | 'docx',
): string {
  return `${FILE_STEM[locale][kind]}-${periodKey}.${ext}`;
}

/** Renders the chart (PNG) and the spreadsheet (XLSX) as attachments. */
export async function renderDigestFiles(
  model: DigestModel,
  periodKey: string,
  locale: LocaleCode,
): Promise<DigestFiles> {
  const m = t(locale);
  const xlsx = await renderDigestXlsx(model, locale);
  const png = renderDigestPng(model, locale);
  return {
    chart: {
      kind: 'image',
      filename: digestFileName(model.kind, periodKey, locale, 'png'),
      mimeType: 'image/png',
      base64: png.toString('base64'),
      caption: m.digestChartCaption,
    },
    xlsx: {
      kind: 'document',
      filename: digestFileName(model.kind, periodKey, locale, 'xlsx'),
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: xlsx.toString('base64'),
      caption: m.digestXlsxCaption,
    },
  };
}

/** The messages of one chat: chart, text parts of at most `maxLength` characters, spreadsheet. */
export function digestParts(
  model: DigestModel,
  locale: LocaleCode,
  maxLength: number,
  files: DigestFiles,
): DigestPart[] {
  const all = renderDigestText(model, locale, maxLength);
  // A plan of thousands of tasks renders to a hundred messages; a chat is no place for that. The
  // spreadsheet holds every row, so the text stops after a few messages and says where the rest is.
  const texts =
    all.length <= MAX_TEXT_PARTS
      ? all
      : [...all.slice(0, MAX_TEXT_PARTS - 1), t(locale).digestTruncated(all.length - MAX_TEXT_PARTS + 1)];
  return [
    { part: 'chart', message: { text: '', attachments: [files.chart] } },
    ...texts.map((text, i) => ({ part: `text-${i + 1}`, message: { text } })),
    { part: 'xlsx', message: { text: '', attachments: [files.xlsx] } },
  ];
}
