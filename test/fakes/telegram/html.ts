import type { MessageEntity } from 'telegraf/types';
import { badRequest } from './errors.ts';

/** Text after entity parsing, as Telegram stores it: markup removed, entities with UTF-16 offsets. */
export interface ParsedText {
  readonly text: string;
  readonly entities: MessageEntity[];
}

interface OpenTag {
  readonly name: string;
  readonly start: number;
  readonly attrs: ReadonlyMap<string, string>;
  language?: string;
}

const SUPPORTED_TAGS = new Set([
  'b',
  'strong',
  'i',
  'em',
  'u',
  'ins',
  's',
  'strike',
  'del',
  'span',
  'tg-spoiler',
  'a',
  'code',
  'pre',
  'blockquote',
  'tg-emoji',
]);
const SIMPLE_TYPES: Readonly<Record<string, MessageEntity.CommonMessageEntity['type']>> = {
  b: 'bold',
  strong: 'bold',
  i: 'italic',
  em: 'italic',
  u: 'underline',
  ins: 'underline',
  s: 'strikethrough',
  strike: 'strikethrough',
  del: 'strikethrough',
  span: 'spoiler',
  'tg-spoiler': 'spoiler',
  code: 'code',
  blockquote: 'blockquote',
};
const NAMED_ENTITIES: Readonly<Record<string, string>> = { lt: '<', gt: '>', amp: '&', quot: '"' };

function cantParse(detail: string): Error {
  return badRequest(`can't parse entities: ${detail}`);
}

function parseAttrs(source: string): Map<string, string> {
  const attrs = new Map<string, string>();
  for (const m of source.matchAll(/([a-zA-Z-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"']+))/g)) {
    attrs.set(m[1]!.toLowerCase(), decodeEntities(m[2] ?? m[3] ?? m[4] ?? ''));
  }
  return attrs;
}

function decodeEntities(source: string): string {
  return source.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, body: string) => {
    if (body.startsWith('#x')) return String.fromCodePoint(Number.parseInt(body.slice(2), 16));
    if (body.startsWith('#')) return String.fromCodePoint(Number(body.slice(1)));
    return NAMED_ENTITIES[body.toLowerCase()] ?? whole;
  });
}

function toEntity(tag: OpenTag, offset: number, length: number): MessageEntity | undefined {
  if (tag.name === 'a') {
    const href = tag.attrs.get('href');
    if (!href) return undefined;
    const mention = /^tg:\/\/user\?id=(\d+)$/.exec(href);
    if (mention) {
      return {
        type: 'text_mention',
        offset,
        length,
        user: { id: Number(mention[1]), is_bot: false, first_name: '' },
      };
    }
    return { type: 'text_link', offset, length, url: href };
  }
  if (tag.name === 'pre') {
    return { type: 'pre', offset, length, ...(tag.language ? { language: tag.language } : {}) };
  }
  if (tag.name === 'tg-emoji') {
    return { type: 'custom_emoji', offset, length, custom_emoji_id: tag.attrs.get('emoji-id') ?? '' };
  }
  const type = SIMPLE_TYPES[tag.name];
  return type ? { type, offset, length } : undefined;
}

/**
 * Parses Telegram's HTML subset loosely: only the documented tags, balanced nesting, `&lt; &gt; &amp; &quot;`
 * and numeric entities. Errors read like Telegram's `Bad Request: can't parse entities: ...`.
 */
export function parseHtml(source: string): ParsedText {
  const byteOffset = (index: number) => Buffer.byteLength(source.slice(0, index));
  const stack: OpenTag[] = [];
  const entities: MessageEntity[] = [];
  let text = '';
  let i = 0;
  while (i < source.length) {
    const rest = source.slice(i);
    const end = /^<\/([a-zA-Z0-9-]*)\s*>/.exec(rest);
    const start = /^<([a-zA-Z][a-zA-Z0-9-]*)((?:\s[^>]*)?)>/.exec(rest);
    if (end) {
      const open = stack.pop();
      const name = end[1]!.toLowerCase();
      if (!open) throw cantParse(`Unexpected end tag at byte offset ${byteOffset(i)}`);
      if (name !== open.name) {
        throw cantParse(
          `Unmatched end tag at byte offset ${byteOffset(i)}, expected "</${open.name}>", found "</${name}>"`,
        );
      }
      const parent = stack[stack.length - 1];
      const language = /^language-(.+)$/.exec(open.attrs.get('class') ?? '')?.[1];
      if (open.name === 'code' && parent?.name === 'pre' && language) parent.language = language;
      else {
        const entity = toEntity(open, open.start, text.length - open.start);
        if (entity && entity.length > 0) entities.push(entity);
      }
      i += end[0].length;
    } else if (start) {
      const name = start[1]!.toLowerCase();
      if (!SUPPORTED_TAGS.has(name))
        throw cantParse(`Unsupported start tag "${name}" at byte offset ${byteOffset(i)}`);
      const attrs = parseAttrs(start[2] ?? '');
      if (name === 'span' && attrs.get('class') !== 'tg-spoiler') {
        throw cantParse(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(i)}`);
      }
      stack.push({ name, start: text.length, attrs });
      i += start[0].length;
    } else if (source[i] === '<') {
      throw cantParse(`Unsupported start tag "" at byte offset ${byteOffset(i)}`);
    } else {
      const entity = source[i] === '&' ? /^&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/.exec(rest) : null;
      const raw = entity?.[0] ?? source[i]!;
      text += entity ? decodeEntities(raw) : raw;
      i += raw.length;
    }
  }
  const unclosed = stack[stack.length - 1];
  if (unclosed) throw cantParse(`Can't find end tag corresponding to start tag "${unclosed.name}"`);
  entities.sort((a, b) => a.offset - b.offset || b.length - a.length);
  return { text, entities };
}

/** Strips leading/trailing whitespace like Telegram does, shifting and clipping entities. */
export function trimParsed(parsed: ParsedText): ParsedText {
  const lead = parsed.text.length - parsed.text.trimStart().length;
  const text = parsed.text.trim();
  const entities: MessageEntity[] = [];
  for (const entity of parsed.entities) {
    const from = Math.max(0, entity.offset - lead);
    const to = Math.min(text.length, entity.offset + entity.length - lead);
    if (to > from) entities.push({ ...entity, offset: from, length: to - from });
  }
  return { text, entities };
}

/** Applies `parse_mode` (HTML parsed; Markdown modes accepted as plain text) and trims. */
export function parseFormatted(source: string, parseMode: string | undefined): ParsedText {
  const mode = parseMode?.toLowerCase() ?? '';
  if (mode === 'html') return trimParsed(parseHtml(source));
  if (mode === '' || mode === 'markdown' || mode === 'markdownv2')
    return trimParsed({ text: source, entities: [] });
  throw badRequest('unsupported parse_mode');
}

/** `bot_command` entities Telegram adds to incoming text such as `/start` or `/report@my_bot`. */
export function commandEntities(text: string): MessageEntity[] {
  const entities: MessageEntity[] = [];
  for (const m of text.matchAll(/(^|\s)(\/[a-zA-Z0-9_]{1,32}(?:@[a-zA-Z0-9_]{3,32})?)(?=$|\s)/g)) {
    entities.push({ type: 'bot_command', offset: m.index + m[1]!.length, length: m[2]!.length });
  }
  return entities;
}
