import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { generateChromeMessages, type ParsedMessage, parseMessagesText } from '@wxt-dev/i18n/build';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  browserLocale,
  currentLocale,
  flattenMessages,
  formatDay,
  formatNumber,
  formatPercent,
  initI18n,
  languageItem,
  parseMessagesYaml,
  setLanguage,
  t,
} from './i18n';

const root = path.resolve(import.meta.dirname, '..');
const read = (locale: string) => readFileSync(path.join(root, 'locales', `${locale}.yml`), 'utf8');
/** @wxt-dev/i18n's own parse (what the build writes into _locales), without its predefined @@ messages. */
const official = (locale: string): ParsedMessage[] => parseMessagesText(read(locale), 'YAML').filter((m) => !m.key[0]!.startsWith('@@'));
const keysOf = (messages: ParsedMessage[]) => messages.map((m) => m.key.join('.')).sort();
const byKey = (messages: ParsedMessage[]) => new Map(messages.map((m) => [m.key.join('.'), m]));
const text = (m: ParsedMessage) => (m.type === 'plural' ? Object.values(m.plurals).join(' | ') : m.message);

/** The extension's sources that ship (tests, generated and built files excluded). */
const SOURCES = readdirSync(root, { recursive: true, encoding: 'utf8' })
  .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f))
  .filter((f) => !/(^|\/)(\.output|\.wxt|e2e|test|node_modules)\//.test(f))
  .map((f) => readFileSync(path.join(root, f), 'utf8'));

describe('the messages (a walk over every key)', () => {
  const en = official('en');
  const zh = official('zh_CN');

  it('has the same keys in English and Chinese', () => {
    expect(keysOf(en).length).toBeGreaterThan(150);
    expect(keysOf(zh)).toEqual(keysOf(en));
  });

  it('has the same placeholders in both: {named} substitutions and $n counts', () => {
    const zhByKey = byKey(zh);
    const problems: string[] = [];
    for (const m of en) {
      const key = m.key.join('.');
      const other = zhByKey.get(key)!;
      const named = (x: ParsedMessage) => [...new Set(text(x).match(/\{[A-Za-z0-9_]+\}/g) ?? [])].sort().join(',');
      const dollars = (x: ParsedMessage) => [...new Set(text(x).match(/\$[1-9]/g) ?? [])].sort().join(',');
      if (named(m) !== named(other)) problems.push(`${key}: ${named(m)} vs ${named(other)}`);
      if (dollars(m) !== dollars(other)) problems.push(`${key}: ${dollars(m)} vs ${dollars(other)}`);
      if (m.type !== other.type) problems.push(`${key}: ${m.type} vs ${other.type}`);
      if (!text(other).trim()) problems.push(`${key}: empty in zh_CN`);
    }
    expect(problems).toEqual([]);
  });

  it('uses every key, and uses no key that is missing', () => {
    const literals = new Set(SOURCES.flatMap((src) => [...src.matchAll(/'([A-Za-z0-9_.@]+)'/g)].map((m) => m[1]!)));
    const unused = keysOf(en).filter((k) => !literals.has(k));
    expect(unused).toEqual([]);
    const called = new Set(SOURCES.flatMap((src) => [...src.matchAll(/\bt\(\s*'([^']+)'/g)].map((m) => m[1]!)));
    const known = new Set(keysOf(en));
    expect([...called].filter((k) => !known.has(k))).toEqual([]);
  });

  it('reads the files exactly as @wxt-dev/i18n does (the bundled copies used when a language is chosen)', () => {
    for (const locale of ['en', 'zh_CN']) {
      const ours = flattenMessages(parseMessagesYaml(read(locale)));
      const theirs = Object.fromEntries(
        Object.entries(generateChromeMessages(parseMessagesText(read(locale), 'YAML'))).map(([k, v]) => [k, v.message]),
      );
      expect(ours).toEqual(theirs);
    }
  });

  it('refuses YAML it does not understand instead of misreading it', () => {
    expect(() => parseMessagesYaml('a: {x} y')).toThrow(/quote/);
    expect(() => parseMessagesYaml('a: 1.50')).toThrow(/quote/);
    expect(() => parseMessagesYaml('a: b: c')).toThrow(/quote/);
    expect(() => parseMessagesYaml('- item')).toThrow(/unsupported/);
    expect(() => parseMessagesYaml("a: 'open")).toThrow(/single-quoted/);
    expect(() => parseMessagesYaml('a: x\na: y')).toThrow(/duplicate/);
    expect(parseMessagesYaml("a:\n  b: 'it''s: {n}'\n  c: \"q \\\" d\"\n# note\nd: plain text")).toEqual({
      a: { b: "it's: {n}", c: 'q " d' },
      d: 'plain text',
    });
  });
});

describe('t() and the language setting', () => {
  beforeEach(() => fakeBrowser.reset());
  afterEach(async () => setLanguage('auto'));

  it('follows the choice: English, Chinese, then back to the browser', async () => {
    await setLanguage('en');
    expect(t('common.settings')).toBe('Settings');
    expect(currentLocale()).toBe('en');
    await setLanguage('zh_CN');
    expect(t('common.settings')).toBe('设置');
    expect(currentLocale()).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    expect(await languageItem.getValue()).toBe('zh_CN');
    await setLanguage('auto');
    // No browser.i18n in the fake browser: the browser's language (jsdom: en-US) picks the bundled messages.
    expect(t('common.settings')).toBe('Settings');
  });

  it('substitutes named values and picks plural forms as @wxt-dev/i18n does', async () => {
    await setLanguage('en');
    expect(t('alerts.openedAt', { when: 'today' })).toBe('Opened today');
    expect(t('popup.events', 1, ['1'])).toBe('1 event');
    expect(t('popup.events', 1234, [formatNumber(1234)])).toBe('1,234 events');
    expect(t('alerts.openCount', 0)).toBe('none open');
    expect(t('alerts.openCount', 1)).toBe('1 open');
    expect(t('alerts.openCount', 7)).toBe('7 open');
    await setLanguage('zh_CN');
    expect(t('popup.events', 3, ['3'])).toBe('3 个事件');
    expect(t('alerts.acknowledgedByAt', { who: '你', when: '11月20日' })).toBe('你 于 11月20日 确认');
  });

  it('formats numbers and dates per locale', async () => {
    await setLanguage('en');
    expect(formatNumber(12345.6)).toBe('12,345.6');
    expect(formatPercent(0.456)).toBe('46%');
    expect(formatDay('2026-11-20')).toBe('Nov 20');
    await setLanguage('zh_CN');
    expect(formatDay('2026-11-20')).toBe('11月20日');
    expect(formatPercent(0.456, 1)).toBe('45.6%');
  });

  it('writes small whole numbers and whole percentages exactly as Intl does in both locales, without building a formatter', async () => {
    for (const language of ['en', 'zh_CN'] as const) {
      await setLanguage(language);
      const intl = new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 2 });
      for (let n = 0; n < 1000; n++) expect(formatNumber(n)).toBe(intl.format(n));
      expect(formatNumber(1000)).toBe(intl.format(1000));
      expect(formatNumber(-3)).toBe(intl.format(-3));
      expect(formatNumber(2.5)).toBe(intl.format(2.5));
      const percent = new Intl.NumberFormat(currentLocale(), { style: 'percent', maximumFractionDigits: 0, minimumFractionDigits: 0 });
      for (let k = 0; k <= 100_000; k++) expect(formatPercent(k / 100_000)).toBe(percent.format(k / 100_000));
      fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => formatPercent(x) === percent.format(x)), { numRuns: 20_000 });
    }
  });

  it('answers a text again from memory, and anew after the language changes', async () => {
    await setLanguage('en');
    expect(t('alerts.openCount', 7)).toBe('7 open');
    expect(t('alerts.openCount', 7)).toBe('7 open');
    expect(t('alerts.openCount', 1)).toBe('1 open');
    expect(t('alerts.openedAt', { when: 'today' })).toBe('Opened today');
    expect(t('alerts.openedAt', { when: 'now' })).toBe('Opened now');
    await setLanguage('zh_CN');
    expect(t('common.settings')).toBe('设置');
    await setLanguage('en');
    expect(t('common.settings')).toBe('Settings');
  });

  it('reads a stored choice on start and follows changes made on another page', async () => {
    await languageItem.setValue('zh_CN');
    await initI18n();
    expect(t('alerts.resolve')).toBe('解决');
    await languageItem.setValue('en');
    await new Promise((r) => setTimeout(r, 0));
    expect(t('alerts.resolve')).toBe('Resolve');
  });

  it('in a content script: leaves the forum page’s lang alone, and answers from the bundled messages of the UI language', async () => {
    await setLanguage('zh_CN');
    expect(document.documentElement.lang).toBe('zh-CN');
    document.documentElement.lang = 'ja';
    await initI18n({ contentScript: true });
    await setLanguage('en');
    expect(t('common.settings')).toBe('Settings');
    expect(document.documentElement.lang).toBe('ja');
    // 'auto' in a content script: the bundled messages of the browser's UI language.
    const ui = vi.spyOn(browser.i18n, 'getUILanguage').mockReturnValue('zh-CN');
    await setLanguage('auto');
    expect(t('common.settings')).toBe('设置');
    expect(t('popup.events', 3, ['3'])).toBe('3 个事件');
    ui.mockReturnValue('en-GB');
    await setLanguage('auto');
    expect(t('common.settings')).toBe('Settings');
    ui.mockRestore();
    await initI18n({ contentScript: false });
    await setLanguage('zh_CN');
    expect(document.documentElement.lang).toBe('zh-CN');
  });

  it('maps browser languages to our locales', () => {
    expect(browserLocale('zh-CN')).toBe('zh_CN');
    expect(browserLocale('zh')).toBe('zh_CN');
    expect(browserLocale('zh-Hans-SG')).toBe('zh_CN');
    expect(browserLocale('zh-TW')).toBe('en');
    expect(browserLocale('en-GB')).toBe('en');
  });
});
