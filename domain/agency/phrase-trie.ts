import type { AgencyToken } from './tokenize-agency-text.ts';
import { isUpperCaseWord } from './tokenize-agency-text.ts';

/** What a phrase resolves to, plus whether it only counts when written in capitals. */
interface Terminal<T> {
  value: T;
  /** Single-word abbreviations ("CAT") must be written in capitals in running text ("Phù Cát"). */
  upperCaseOnly: boolean;
}

interface TrieNode<T> {
  children: Map<string, TrieNode<T>>;
  terminal?: Terminal<T>;
}

/** A longest match of a phrase: its value and the index just after its last word token. */
export interface PhraseMatch<T> {
  value: T;
  end: number;
}

/**
 * A trie of folded word sequences. Matching skips separators between words (commas, dashes, line
 * breaks, brackets) except ";", so "Sở Lao động – Thương binh và Xã hội" and "Các sở, ban, ngành"
 * match as one phrase; a semicolon always ends a phrase.
 */
export class PhraseTrie<T> {
  private readonly root: TrieNode<T> = { children: new Map() };

  /**
   * Adds a phrase. Returns the value already stored for exactly these words, if any (the new value
   * then replaces it only when `replace` is true).
   */
  add(
    words: readonly string[],
    value: T,
    options: { upperCaseOnly?: boolean; replace?: boolean } = {},
  ): T | undefined {
    if (words.length === 0) return undefined;
    let node = this.root;
    for (const word of words) {
      let next = node.children.get(word);
      if (!next) {
        next = { children: new Map() };
        node.children.set(word, next);
      }
      node = next;
    }
    const previous = node.terminal?.value;
    if (node.terminal === undefined || options.replace === true) {
      node.terminal = { value, upperCaseOnly: options.upperCaseOnly === true && words.length === 1 };
    }
    return previous;
  }

  /** The value stored for exactly these words, ignoring case rules. */
  get(words: readonly string[]): T | undefined {
    let node: TrieNode<T> | undefined = this.root;
    for (const word of words) {
      node = node.children.get(word);
      if (!node) return undefined;
    }
    return node.terminal?.value;
  }

  /**
   * The longest phrase starting at word token `start`. With `caseSensitive`, abbreviation phrases
   * must be written in capitals.
   */
  longestMatch(tokens: readonly AgencyToken[], start: number, caseSensitive: boolean): PhraseMatch<T> | null {
    const first = tokens[start];
    if (first?.kind !== 'word') return null;
    let node = this.root;
    let best: PhraseMatch<T> | null = null;
    let afterSeparator = false;
    for (let i = start; i < tokens.length; i++) {
      const token = tokens[i]!;
      if (token.kind === 'sep') {
        if (token.text === ';') break;
        afterSeparator = true;
        continue;
      }
      const next = node.children.get(token.fold);
      if (!next) break;
      node = next;
      const terminal = node.terminal;
      // "Ban Dân tộc, Tỉnh đoàn": a "tỉnh" after a comma starts the next name ("Tỉnh đoàn", "Tỉnh ủy"),
      // it does not end this one as its "... tỉnh" suffix.
      const tinhAfterComma = afterSeparator && token.fold === 'tinh';
      afterSeparator = false;
      if (
        terminal &&
        !tinhAfterComma &&
        (!caseSensitive || !terminal.upperCaseOnly || isUpperCaseWord(first))
      ) {
        best = { value: terminal.value, end: i + 1 };
      }
    }
    return best;
  }
}
