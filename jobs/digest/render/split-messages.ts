/**
 * Packs sections of lines into chat messages of bounded length, splitting only between lines.
 */

/** A titled list; the title stays with the first item whenever both fit in one message. */
export interface TextSection {
  lines: string[];
}

/**
 * Cuts one line into pieces of at most `max` characters at spaces; a word longer than `max` is cut
 * inside as a last resort. Pieces are trimmed at the cut.
 */
export function cutLine(line: string, max: number): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > max) {
    const space = rest.lastIndexOf(' ', max);
    const at = space > 0 ? space : max;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest !== '') pieces.push(rest);
  return pieces;
}

interface Unit {
  text: string;
  opensSection: boolean;
}

function unitsOf(section: TextSection, max: number): Unit[] {
  const [title, first, ...others] = section.lines;
  if (title === undefined) return [];
  const joined = first === undefined ? title : `${title}\n${first}`;
  const head = joined.length <= max ? [joined] : [title, ...(first === undefined ? [] : [first])];
  const units: Unit[] = [];
  for (const line of [...head, ...others]) {
    const pieces = line.length <= max ? [line] : line.split('\n').flatMap((l) => cutLine(l, max));
    for (const text of pieces) units.push({ text, opensSection: units.length === 0 });
  }
  return units;
}

/**
 * Messages of at most `max` characters holding every line of every section in order. A line is never
 * cut unless it alone exceeds `max`; sections are separated by a blank line inside a message.
 * @throws RangeError when `max` is below 1.
 */
export function splitMessages(sections: readonly TextSection[], max: number): string[] {
  if (!Number.isInteger(max) || max < 1) throw new RangeError(`maxLength must be a positive integer: ${max}`);
  const messages: string[] = [];
  let current = '';
  for (const unit of sections.flatMap((s) => unitsOf(s, max))) {
    const separator = current === '' ? '' : unit.opensSection ? '\n\n' : '\n';
    if (current !== '' && current.length + separator.length + unit.text.length > max) {
      messages.push(current);
      current = unit.text;
    } else {
      current += separator + unit.text;
    }
  }
  if (current !== '') messages.push(current);
  return messages;
}
