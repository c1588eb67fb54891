import { useEffect, useState } from 'preact/hooks';
import { type LanguageChoice, languageChoice, languageItem, setLanguage, t } from '../../lib/i18n';

/**
 * Language: follow the browser (default), English or 中文. Each choice is named in its
 * own language so it can be found whatever language the page is in.
 */
export function LanguageSetting() {
  const [value, setValue] = useState<LanguageChoice>(languageChoice());
  useEffect(() => {
    void languageItem.getValue().then(setValue);
    return languageItem.watch((v) => setValue(v ?? 'auto'));
  }, []);

  const choose = (next: LanguageChoice) => {
    setValue(next);
    void setLanguage(next);
  };

  return (
    <section aria-labelledby="language-heading">
      <h2 id="language-heading">{t('options.language.title')}</h2>
      <label class="field" for="language">
        {t('options.language.label')}
      </label>
      <select id="language" value={value} aria-describedby="language-hint" onChange={(e) => choose((e.currentTarget as HTMLSelectElement).value as LanguageChoice)}>
        <option value="auto">{t('options.language.auto')}</option>
        <option value="en" lang="en">
          English
        </option>
        <option value="zh_CN" lang="zh-CN">
          中文（简体）
        </option>
      </select>
      <p id="language-hint" class="hint">
        {t('options.language.hint')}
      </p>
    </section>
  );
}
