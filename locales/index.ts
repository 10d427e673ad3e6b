/**
 * Message catalogues and locale choice. `t(locale)` is usable anywhere (handlers, jobs) without a
 * chat context. Locale order: the officer's stored preference, then the platform's language code,
 * then Vietnamese.
 */
import { en } from './en/index.ts';
import { type Messages, vi } from './vi/index.ts';

export type { Messages };
export type LocaleCode = 'vi' | 'en';
export const LOCALES: readonly LocaleCode[] = ['vi', 'en'];

const CATALOGUES: Record<LocaleCode, Messages> = { vi, en };

export function t(locale: LocaleCode): Messages {
  return CATALOGUES[locale];
}

export function localeFor(preference: LocaleCode | null | undefined, languageCode?: string | null): LocaleCode {
  if (preference) return preference;
  return languageCode?.toLowerCase().startsWith('en') ? 'en' : 'vi';
}
