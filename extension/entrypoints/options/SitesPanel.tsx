import { useState } from 'preact/hooks';
import { type Engine, engineSchema } from '../../../shared/schemas/common';
import type { Site, SiteSelectors } from '../../../shared/schemas/auth';
import { type GenericSelectors, validateSelectors } from '../../adapters/generic';
import { t } from '../../lib/i18n';
import { ask } from '../../lib/messages';
import type { OwnerApi } from './useOwnerApi';
import { type Status, StatusLine } from './StatusLine';

const FIELDS = [
  ['post', 'options.sites.fields.post'],
  ['author', 'options.sites.fields.author'],
  ['authorLink', 'options.sites.fields.authorLink'],
  ['time', 'options.sites.fields.time'],
  ['body', 'options.sites.fields.body'],
  ['title', 'options.sites.fields.title'],
  ['id', 'options.sites.fields.id'],
] as const satisfies ReadonlyArray<readonly [keyof GenericSelectors, string]>;

function SiteEditor({ api, site }: { api: OwnerApi; site: Site }) {
  const [engine, setEngine] = useState<Engine>(site.engine as Engine);
  const [selectors, setSelectors] = useState<Partial<GenericSelectors>>(site.selectors ?? {});
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const save = async (e: Event) => {
    e.preventDefault();
    const given = Object.fromEntries(Object.entries(selectors).filter(([, v]) => v && v.trim())) as Partial<GenericSelectors>;
    let payload: SiteSelectors | null = null;
    if (Object.keys(given).length > 0) {
      const errors = validateSelectors(given as GenericSelectors, document);
      if (errors.length > 0) return setStatus({ kind: 'error', text: errors.join('; ') });
      payload = given as SiteSelectors;
    }
    const res = await api.patchSite(site.id, { engine, selectors: payload });
    if (!res.ok) return setStatus({ kind: 'error', text: res.error });
    await ask({ type: 'refresh-session' });
    setStatus({ kind: 'ok', text: payload ? t('options.sites.savedSelectors') : t('options.sites.saved') });
  };

  return (
    <form onSubmit={save} aria-label={t('options.sites.settingsFor', { site: site.origin })}>
      <h4>{site.origin}</h4>
      <label>
        {t('options.sites.engine')}{' '}
        <select value={engine} onChange={(e) => setEngine((e.target as HTMLSelectElement).value as Engine)}>
          {engineSchema.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <details open={!!site.selectors}>
        <summary>{t('options.sites.selectors')}</summary>
        {FIELDS.map(([key, label]) => (
          <label key={key} class="field">
            {t(label)}
            <input
              spellcheck={false}
              value={selectors[key] ?? ''}
              onInput={(e) => setSelectors({ ...selectors, [key]: (e.target as HTMLInputElement).value })}
            />
          </label>
        ))}
      </details>
      <div class="buttons">
        <button type="submit">{t('options.sites.save')}</button>
      </div>
      <StatusLine id={`site-status-${site.id}`} status={status} />
    </form>
  );
}

/** Owners declare the forums their community runs on, their engines and, if needed, selectors. */
export function SitesPanel({ api, sites }: { api: OwnerApi; sites: Site[] }) {
  const [origin, setOrigin] = useState('');
  const [engine, setEngine] = useState<Engine>('discourse');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const add = async (e: Event) => {
    e.preventDefault();
    const res = await api.addSite({ origin: origin.trim().replace(/\/+$/, ''), engine });
    if (!res.ok) return setStatus({ kind: 'error', text: res.error });
    await ask({ type: 'refresh-session' });
    setOrigin('');
    setStatus({ kind: 'ok', text: t('options.sites.added') });
  };

  return (
    <section aria-labelledby="sites-heading">
      <h3 id="sites-heading">{t('options.sites.title')}</h3>
      {sites.map((s) => (
        <SiteEditor key={s.id} api={api} site={s} />
      ))}
      <form class="row" onSubmit={add}>
        <label>
          {t('options.sites.add')}{' '}
          <input placeholder="https://forum.example.com" value={origin} onInput={(e) => setOrigin((e.target as HTMLInputElement).value)} />
        </label>
        <select aria-label={t('options.sites.engine')} value={engine} onChange={(e) => setEngine((e.target as HTMLSelectElement).value as Engine)}>
          {engineSchema.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <button type="submit">{t('options.sites.addButton')}</button>
      </form>
      <StatusLine id="sites-status" status={status} />
    </section>
  );
}
