import { useState } from 'preact/hooks';
import { type Engine, engineSchema } from '../../../shared/schemas/common';
import type { Site, SiteSelectors } from '../../../shared/schemas/auth';
import { type GenericSelectors, validateSelectors } from '../../adapters/generic';
import { ask } from '../../lib/messages';
import type { OwnerApi } from './useOwnerApi';
import { type Status, StatusLine } from './StatusLine';

const FIELDS: Array<[keyof GenericSelectors, string]> = [
  ['post', 'Post (each post’s root element) *'],
  ['author', 'Author name'],
  ['authorLink', 'Author profile link'],
  ['time', 'Time'],
  ['body', 'Post text'],
  ['title', 'Thread title (in the page)'],
  ['id', 'Post id (selector, or @attribute of the post)'],
];

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
    setStatus({ kind: 'ok', text: payload ? 'Saved: members’ extensions read this site with these selectors.' : 'Saved.' });
  };

  return (
    <form onSubmit={save} aria-label={`Settings for ${site.origin}`}>
      <h4>{site.origin}</h4>
      <label>
        Engine{' '}
        <select value={engine} onChange={(e) => setEngine((e.target as HTMLSelectElement).value as Engine)}>
          {engineSchema.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      </label>
      <details open={!!site.selectors}>
        <summary>Custom CSS selectors (when the extension reads this forum badly)</summary>
        {FIELDS.map(([key, label]) => (
          <label key={key} class="field">
            {label}
            <input
              spellcheck={false}
              value={selectors[key] ?? ''}
              onInput={(e) => setSelectors({ ...selectors, [key]: (e.target as HTMLInputElement).value })}
            />
          </label>
        ))}
      </details>
      <div class="buttons">
        <button type="submit">Save site</button>
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
    setStatus({ kind: 'ok', text: 'Site added. Members’ extensions will ask for access to it.' });
  };

  return (
    <section aria-labelledby="sites-heading">
      <h3 id="sites-heading">Sites</h3>
      {sites.map((s) => (
        <SiteEditor key={s.id} api={api} site={s} />
      ))}
      <form class="row" onSubmit={add}>
        <label>
          Add a site{' '}
          <input placeholder="https://forum.example.com" value={origin} onInput={(e) => setOrigin((e.target as HTMLInputElement).value)} />
        </label>
        <select aria-label="Engine" value={engine} onChange={(e) => setEngine((e.target as HTMLSelectElement).value as Engine)}>
          {engineSchema.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
        <button type="submit">Add</button>
      </form>
      <StatusLine id="sites-status" status={status} />
    </section>
  );
}
