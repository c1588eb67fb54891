import { useEffect, useState } from 'preact/hooks';
import { checkHealth } from '../../lib/api';
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
      setStatus({ kind: 'error', text: `Not saved: the extension needs permission to reach ${parsed.origin}.` });
      return;
    }
    await workerUrlItem.setValue(parsed.url);
    setUrl(parsed.url);
    setSaved(parsed.url);
    setStatus({ kind: 'ok', text: `Saved. The extension now talks to ${parsed.url}.` });
  };

  const test = async () => {
    const parsed = validated();
    if (!parsed.ok) return;
    if (!(await allowOrigins([parsed.origin]))) {
      setStatus({ kind: 'error', text: `The extension needs permission to reach ${parsed.origin} to test it.` });
      return;
    }
    setStatus({ kind: 'busy', text: `Connecting to ${parsed.url}…` });
    const res = await checkHealth(parsed.url);
    setStatus(
      res.ok
        ? { kind: 'ok', text: `Connected: Community Pulse API ${res.data.version}, database ${res.data.database ? 'OK' : 'unavailable'}.` }
        : { kind: 'error', text: res.error },
    );
  };

  return (
    <section aria-labelledby="worker-heading">
      <h2 id="worker-heading">Worker</h2>
      <form onSubmit={save} noValidate>
        <label for="worker-url">Worker URL</label>
        <p class="hint" id="worker-url-hint">
          The address of your community's Community Pulse Worker, e.g. https://pulse.example.workers.dev. For local
          development: http://127.0.0.1:8787.
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
          <button type="submit">Save</button>
          <button type="button" class="secondary" onClick={test} disabled={status.kind === 'busy'}>
            Test connection
          </button>
        </div>
      </form>
      <StatusLine id="worker-status" status={status} idle={saved ? `Current: ${saved}` : ''} />
    </section>
  );
}
