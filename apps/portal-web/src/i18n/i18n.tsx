import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { en, zhCN, type MessageKey, type Messages } from './messages';

export type Language = 'en' | 'zh-CN';

const DICTIONARIES: Record<Language, Messages> = { en, 'zh-CN': zhCN };
const STORAGE_KEY = 'houston.language';

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string;

export interface I18n {
  language: Language;
  setLanguage(language: Language): void;
  t: Translate;
  /** A date and time in the viewer's own time zone and language. */
  formatDate(value: string | number | Date | undefined): string;
}

/** Fills `{name}` placeholders; an unknown placeholder stays as written so it is noticed. */
export function fill(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    Object.prototype.hasOwnProperty.call(values, name) ? String(values[name]) : whole,
  );
}

export function translator(language: Language): Translate {
  const messages = DICTIONARIES[language];
  return (key, values) => fill(messages[key] ?? key, values);
}

export function dateFormatter(
  language: Language,
  timeZone?: string,
): (value: string | number | Date | undefined) => string {
  const format = new Intl.DateTimeFormat(language, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hour12: false,
    timeZone,
  });
  return (value) => {
    if (value === undefined || value === '') return '';
    const date = value instanceof Date ? value : new Date(value);
    return Number.isNaN(date.getTime()) ? String(value) : format.format(date);
  };
}

function initialLanguage(): Language {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'zh-CN') return stored;
  return globalThis.navigator?.language?.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

const I18nContext = createContext<I18n | undefined>(undefined);

export function I18nProvider({ children, language: fixed }: { children: ReactNode; language?: Language }) {
  const [language, setState] = useState<Language>(fixed ?? initialLanguage);
  const setLanguage = useCallback((next: Language) => {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
    setState(next);
  }, []);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  const value = useMemo<I18n>(
    () => ({ language, setLanguage, t: translator(language), formatDate: dateFormatter(language) }),
    [language, setLanguage],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const context = useContext(I18nContext);
  if (!context) throw new Error('useI18n outside I18nProvider');
  return context;
}
