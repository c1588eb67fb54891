import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { checkHealth } from '../../lib/api';
import { parseWorkerUrl, workerUrlItem } from '../../lib/settings';

type Status = { kind: 'idle' } | { kind: 'busy'; text: string } | { kind: 'ok'; text: string } | { kind: 'error'; text: string };

/** Asks for access to a non-local Worker's origin; the extension holds only what it needs. */
async function allowOrigin(origin: string): Promise<boolean> {
  const origins = [`${origin}/*`];
  if (await browser.permissions.contains({ origins })) return true;
  return browser.permissions.request({ origins });
}

export function OptionsApp() {
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
    if (!(await allowOrigin(parsed.origin))) {
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
    if (!(await allowOrigin(parsed.origin))) {
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
    <main>
      <h1>Community Pulse</h1>
      <form onSubmit={save} noValidate>
        <label for="worker-url">Worker URL</label>
        <p class="hint" id="worker-url-hint">
          The address of your community's Community Pulse Worker, e.g. https://pulse.example.workers.dev. For local
          development: http://127.0.0.1:8787.
        </p>
        <input
          id="worker-url"
          name="worker-url"
          type="url"
          inputMode="url"
          autoComplete="url"
          spellcheck={false}
          aria-describedby="worker-url-hint status"
          aria-invalid={status.kind === 'error'}
          value={url}
          onInput={(e) => setUrl((e.target as HTMLInputElement).value)}
        />
        <div class="buttons">
          <button type="submit">Save</button>
          <button type="button" onClick={test} disabled={status.kind === 'busy'}>
            Test connection
          </button>
        </div>
      </form>
      <p id="status" class={`status status--${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
        {status.kind === 'idle' ? (saved ? `Current: ${saved}` : '') : status.text}
      </p>
    </main>
  );
}
