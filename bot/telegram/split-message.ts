/**
 * Splitting of plain text into parts that each fit one Telegram message. Lengths are UTF-16 code units
 * (JavaScript string length), which is what Telegram counts; a surrogate pair is never cut in two.
 */

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** Longest prefix of `text` of at most `max` code units that does not end inside a surrogate pair. */
function safeCut(text: string, max: number): number {
  if (text.length <= max) return text.length;
  const cut = isHighSurrogate(text.charCodeAt(max - 1)) ? max - 1 : max;
  return Math.max(cut, 1);
}

/** Cuts one over-long line: at the last space inside the limit when there is one, else hard. */
function splitLongLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    let cut = safeCut(rest, max);
    const space = rest.lastIndexOf(' ', cut - 1);
    if (space > max / 2) cut = space + 1;
    pieces.push(rest.slice(0, cut));
    rest = rest.slice(cut);
  }
  if (rest.length > 0) pieces.push(rest);
  return pieces;
}

/**
 * Splits `text` into parts of at most `maxLength` code units. Parts end at line boundaries (the newline
 * between two parts is dropped); a single line longer than the limit is cut at a space when possible.
 * Parts that would hold only whitespace are left out. Text that fits is returned as one part.
 *
 * @example splitMessage('a\nb', 1) // ['a', 'b']
 */
export function splitMessage(text: string, maxLength: number): string[] {
  if (!Number.isInteger(maxLength) || maxLength < 2) throw new RangeError('maxLength must be an integer ≥ 2');
  if (text.length <= maxLength) return [text];
  const parts: string[] = [];
  let current = '';
  const flush = () => {
    if (current.trim() !== '') parts.push(current);
    current = '';
  };
  for (const line of text.split('\n')) {
    if (line.length > maxLength) {
      flush();
      const pieces = splitLongLine(line, maxLength);
      current = pieces.pop() ?? '';
      for (const piece of pieces) if (piece.trim() !== '') parts.push(piece);
      continue;
    }
    const joined = current === '' ? line : `${current}\n${line}`;
    if (joined.length <= maxLength) current = joined;
    else {
      flush();
      current = line;
    }
  }
  flush();
  return parts;
}
