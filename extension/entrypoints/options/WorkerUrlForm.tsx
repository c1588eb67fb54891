import { useEffect, useState } from 'preact/hooks';
import { checkHealth } from '../../lib/api';
import { t } from '../../lib/i18n';
import { parseWorkerUrl, workerUrlItem } from '../../lib/settings';
import { allowOrigins } from './permissions';
import { type Status, StatusLine } from './StatusLine';

/** The Worker's address, validated, with a "test connection". */
export function WorkerUrlForm() {
  const [url, setUrl] = useState('');
  const [saved, setSaved] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  useEffect(() => {
    void workerUrlItem.getValue().then((v) => {
      setUrl(v);
      setSaved(v);
    });
  }, []);

  const validated = () => {
    const parsed = parseWorkerUrl(url);
    if (!parsed.ok) setStatus({ kind: 'error', text: parsed.error });
    return parsed;
  };

  const save = async (e: Event) => {
    e.preventDefault();
    const parsed = validated();
    if (!parsed.ok) return;
    if (!(await allowOrigins([parsed.origin]))) {
      setStatus({ kind: 'error', text: t('options.worker.needPermission', { origin: parsed.origin }) });
      return;
    }
    await workerUrlItem.setValue(parsed.url);
    setUrl(parsed.url);
    setSaved(parsed.url);
    setStatus({ kind: 'ok', text: t('options.worker.saved', { url: parsed.url }) });
  };

  const test = async () => {
    const parsed = validated();
    if (!parsed.ok) return;
    if (!(await allowOrigins([parsed.origin]))) {
      setStatus({ kind: 'error', text: t('options.worker.needPermissionTest', { origin: parsed.origin }) });
      return;
    }
    setStatus({ kind: 'busy', text: t('options.worker.connecting', { url: parsed.url }) });
    const res = await checkHealth(parsed.url);
    setStatus(
      res.ok
        ? { kind: 'ok', text: res.data.database ? t('options.worker.connected', { version: res.data.version }) : t('options.worker.connectedNoDb', { version: res.data.version }) }
        : { kind: 'error', text: res.error },
    );
  };

  return (
    <section aria-labelledby="worker-heading">
      <h2 id="worker-heading">{t('options.worker.title')}</h2>
      <form onSubmit={save} noValidate>
        <label for="worker-url">{t('options.worker.label')}</label>
        <p class="hint" id="worker-url-hint">
          {t('options.worker.hint')}
        </p>
        <input
          id="worker-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellcheck={false}
          aria-describedby="worker-url-hint worker-status"
          aria-invalid={status.kind === 'error'}
          value={url}
          onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
        />
        <div class="buttons">
          <button type="submit">{t('options.worker.save')}</button>
          <button type="button" class="secondary" onClick={test} disabled={status.kind === 'busy'}>
            {t('options.worker.test')}
          </button>
        </div>
      </form>
      <StatusLine id="worker-status" status={status} idle={saved ? t('options.worker.current', { url: saved }) : ''} />
    </section>
  );
}
