/// <reference path="../build/bundled-messages.d.ts" />
import { i18n } from '#i18n';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { storage } from 'wxt/utils/storage';
import enMessages from '../locales/en.yml?messages';
import zhMessages from '../locales/zh_CN.yml?messages';

/**
 * The extension's text, in English and Simplified Chinese.
 *
 * Messages live in `extension/locales/<locale>.yml` (@wxt-dev/i18n's format: nested keys,
 * `{name}` substitutions, plurals as `{ 1: …, n: … }`). By default the browser's language
 * picks them, through `browser.i18n` (`@wxt-dev/i18n`). The options page can pin a
 * language instead: then the chosen locale's messages, bundled into the script (never
 * fetched), answer with the same substitution and plural rules.
 *
 * Call `initI18n()` before the first render of a page (it reads the setting and follows
 * its changes); components that must re-render when it changes use `useLocale()`.
 */

export const LOCALES = ['en', 'zh_CN'] as const;
export type Locale = (typeof LOCALES)[number];
export type LanguageChoice = 'auto' | Locale;

/** The language chosen in the options: `auto` follows the browser. */
export const languageItem = storage.defineItem<LanguageChoice>('local:language', { fallback: 'auto', version: 1 });

// ---------------------------------------------------------------------------------------
// Bundled messages: read from the YAML files at build time (lib/messages-yaml.ts through
// build/bundled-messages.ts), so a page never parses YAML: flat key -> message maps.

export { flattenMessages, parseMessagesYaml } from './messages-yaml';

const BUNDLED: Record<Locale, Record<string, string>> = { en: enMessages, zh_CN: zhMessages };
function messagesOf(locale: Locale): Record<string, string> {
  return BUNDLED[locale];
}

/** browser.i18n.getMessage's rules: `$1`…`$9` are substitutions, `$$` is a dollar sign. */
function substitute(message: string, subs: string[] | undefined): string {
  return message.replace(/\$(\$|[1-9])/g, (_, d: string) => (d === '$' ? '$' : (subs?.[Number(d) - 1] ?? '')));
}

type Arg = number | Array<string | number> | Record<string, string | number> | undefined;

/** @wxt-dev/i18n's `t`, over a given getMessage: count, `$n` substitutions, plurals, `{named}`. */
function translate(getMessage: (key: string, subs?: string[]) => string, key: string, args: Arg[]): string {
  let subs: string[] | undefined;
  let named: Record<string, string | number> | undefined;
  let count: number | undefined;
  for (const a of args) {
    if (a == null) continue;
    if (typeof a === 'number') count = a;
    else if (Array.isArray(a)) subs = a.map(String);
    else named = a;
  }
  if (count !== undefined && subs === undefined) subs = [String(count)];
  let message = getMessage(key.replaceAll('.', '_'), subs);
  if (count !== undefined) {
    const forms = message.split(' | ');
    message = (forms.length === 1 ? forms[0] : forms.length === 2 ? forms[count === 1 ? 0 : 1] : forms[count === 0 || count === 1 ? count : 2]) ?? '';
  }
  return named ? message.replace(/\{([A-Za-z0-9_]+)\}/g, (m, k: string) => (Object.hasOwn(named, k) ? String(named[k]) : m)) : message;
}

// ---------------------------------------------------------------------------------------
// The current choice.

let choice: LanguageChoice = 'auto';
let ready: Promise<void> | null = null;
const listeners = new Set<() => void>();

/** The locale the browser's language picks among ours (without browser.i18n, e.g. in tests). */
export function browserLocale(language = globalThis.navigator?.language ?? 'en'): Locale {
  return /^zh(?:[-_](?:cn|sg|hans)|$)/i.test(language) ? 'zh_CN' : 'en';
}

function bundledGetMessage(locale: Locale) {
  return (key: string, subs?: string[]) => {
    const m = messagesOf(locale)[key] ?? messagesOf('en')[key];
    if (m === undefined) {
      console.warn(`[i18n] Message not found: "${key}"`);
      return key;
    }
    return substitute(m, subs);
  };
}

/**
 * Translations of the current choice, by key and arguments. The browser's UI language does
 * not change while a page lives, so each text is asked of browser.i18n once: a page of 500
 * badges otherwise makes thousands of calls into the extension API.
 */
const memo = new Map<string, string>();
const MEMO_LIMIT = 5_000;

function lookup(key: string, args: Arg[]): string {
  const memoKey = args.length === 0 ? key : `${key}\u0000${JSON.stringify(args)}`;
  const hit = memo.get(memoKey);
  if (hit !== undefined) return hit;
  const text = lookupUncached(key, args);
  if (memo.size >= MEMO_LIMIT) memo.clear();
  memo.set(memoKey, text);
  return text;
}

/** The locale browser.i18n would pick: the browser's UI language among ours. */
function uiLocale(): Locale {
  try {
    return browserLocale(browser.i18n.getUILanguage());
  } catch {
    return browserLocale();
  }
}

function lookupUncached(key: string, args: Arg[]): string {
  if (choice !== 'auto') return translate(bundledGetMessage(choice), key, args);
  // In a content script, browser.i18n's first getMessage waits on the browser for the
  // extension's messages (~30 ms of the forum page's main thread): the same messages are
  // bundled, so read them for the UI language.
  if (inContentScript) return translate(bundledGetMessage(uiLocale()), key, args);
  try {
    const text = (i18n.t as (k: string, ...a: Arg[]) => string)(key, ...args);
    if (text) return text;
  } catch {
    /* no browser.i18n here (tests, or a page without the extension's APIs) */
  }
  return translate(bundledGetMessage(browserLocale()), key, args);
}

/**
 * Translates a key of `locales/en.yml`, with @wxt-dev/i18n's (typed) arguments:
 * `t('common.settings')`, `t('alerts.openedAt', { when })`, `t('popup.events', n, [formatNumber(n)])`.
 */
export const t = ((key: string, ...args: Arg[]) => lookup(key, args)) as typeof i18n.t;

/** The BCP 47 tag of the language the text is in, for `Intl` and `<html lang>`. */
export function currentLocale(): string {
  return t('locale');
}

/**
 * Whether this runs in a content script, in the forum's page, rather than on a page of
 * ours (popup, options, dashboard) whose `<html lang>` follows the language. A content
 * script must not relabel the forum (a Chinese forum would be marked English for an
 * English browser, changing its fonts), and writing `lang` restyles and lays out the
 * whole page (150 ms on a 500-post thread).
 */
let inContentScript = false;

function apply(next: LanguageChoice) {
  choice = LOCALES.includes(next as Locale) ? next : 'auto';
  memo.clear();
  if (!inContentScript && typeof document !== 'undefined') document.documentElement.lang = currentLocale();
  for (const l of listeners) l();
}

/**
 * Reads the language setting and follows its changes (idempotent). Await it before the
 * first render. Content scripts pass `{ contentScript: true }`: the page is the forum's.
 */
export function initI18n(options: { contentScript?: boolean } = {}): Promise<void> {
  inContentScript = options.contentScript ?? false;
  ready ??= (async () => {
    try {
      apply(await languageItem.getValue());
      languageItem.watch((v) => apply(v ?? 'auto'));
    } catch {
      apply('auto');
    }
  })();
  return ready;
}

/** Stores the choice and applies it at once (other pages follow through storage). */
export async function setLanguage(next: LanguageChoice): Promise<void> {
  apply(next);
  await languageItem.setValue(next);
}

/** The chosen language (auto or a locale). */
export function languageChoice(): LanguageChoice {
  return choice;
}

/** Calls `listener` whenever the language changes; returns the unsubscribe function. */
export function onLanguageChange(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/**
 * Intl formatters are costly to build (a page of 500 badges built thousands): one per
 * locale and options, reused.
 */
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function cached<F extends Intl.NumberFormat | Intl.DateTimeFormat>(kind: string, options: object, make: (locale: string) => F): F {
  const locale = currentLocale();
  const key = `${kind}|${locale}|${JSON.stringify(options)}`;
  let f = formatters.get(key) as F | undefined;
  if (!f) {
    f = make(locale);
    formatters.set(key, f);
  }
  return f;
}

function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  return cached('n', options, (locale) => new Intl.NumberFormat(locale, options));
}

function dateFormat(options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  return cached('d', options, (locale) => new Intl.DateTimeFormat(locale, options));
}

/** Re-renders the calling component when the language changes; returns the current locale tag. */
export function useLocale(): string {
  const [, setTick] = useState(0);
  useEffect(() => onLanguageChange(() => setTick((n) => n + 1)), []);
  return currentLocale();
}

// ---------------------------------------------------------------------------------------
// Numbers and dates, per locale.

export function formatNumber(x: number, options?: Intl.NumberFormatOptions): string {
  // Small whole numbers read the same in both our locales ("0" to "999": no grouping, ASCII
  // digits): building the first Intl.NumberFormat costs a content script ~60 ms of the page's
  // main thread, so counts on a badge or a button never build one.
  if (options === undefined && Number.isInteger(x) && x >= 0 && x < 1000) return String(x);
  return numberFormat({ maximumFractionDigits: Math.abs(x) < 10 ? 2 : 1, ...options }).format(x);
}

/** A share 0..1 as a percentage: 0.4567 → "45.7%" (or "46%" with digits 0). */
export function formatPercent(share: number, digits = 0): string {
  // Whole percentages read "0%" to "100%" in both our locales: no formatter needed (see formatNumber).
  if (digits === 0 && share >= 0 && share <= 1) {
    const whole = Math.round(share * 100);
    // share * 100 may round to n.5 in binary: Intl rounds the exact decimal, so leave those to it.
    if (Math.abs(share * 100 - Math.trunc(share * 100) - 0.5) > 1e-9) return `${whole}%`;
  }
  return numberFormat({ style: 'percent', maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(share);
}

/** A signed change: "+5", "−3", "±0". */
export function formatDelta(x: number, options?: Intl.NumberFormatOptions): string {
  return numberFormat({ signDisplay: 'exceptZero', maximumFractionDigits: 1, ...options }).format(x);
}

const toDate = (d: string | number | Date) =>
  d instanceof Date ? d : typeof d === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(d) ? new Date(`${d}T00:00:00Z`) : new Date(d);

/** A calendar day ("2026-11-20" is a UTC day): "Nov 20" / "11月20日"; with the year when asked. */
export function formatDay(d: string | number | Date, withYear = false): string {
  return dateFormat({ month: 'short', day: 'numeric', ...(withYear ? { year: 'numeric' } : {}), timeZone: 'UTC' }).format(toDate(d));
}

/** A moment in the reader's time zone: "Nov 20, 10:32 AM" / "11月20日 10:32". */
export function formatDateTime(d: string | number | Date): string {
  return dateFormat({ month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(toDate(d));
}
