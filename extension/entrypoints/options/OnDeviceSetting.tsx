import { useEffect, useState } from 'preact/hooks';
import { formatPercent, t } from '../../lib/i18n';
import { downloadWithConsent, type OnDeviceSettings, onDeviceItem, parseHubModelId, sentimentFromLabels } from '../../lib/ondevice';
import { type Status, StatusLine } from './StatusLine';

/** Loads a hub model with progress (0–1) and returns its outputs for one sample text. */
export type HubLoader = (id: string, onProgress: (share: number) => void) => Promise<Array<{ label: string; score: number }>>;

/** The real loader: transformers.js in this page (the browser's Cache API keeps the files for the offscreen document). */
const loadFromHub: HubLoader = async (id, onProgress) => {
  const { loadHubModel } = await import('../../lib/ondevice-model');
  const classify = await loadHubModel(id, {
    onProgress: (p) => {
      if (p.status === 'progress_total' && p.total > 0) onProgress(p.loaded / p.total);
    },
  });
  const [out] = await classify(['This is great, thank you!'], { top_k: null });
  return out!;
};

/** What went wrong with a download, in words; transformers.js's own message otherwise. */
export function downloadError(error: string): string {
  if (/Failed to fetch|NetworkError|ERR_INTERNET|ERR_NAME/i.test(error)) return t('onDevice.errors.offline');
  if (/Could not locate file.*\/onnx\//.test(error)) return t('onDevice.errors.noOnnx');
  if (/Unauthorized|\b40[134]\b|Could not locate|not found/i.test(error)) return t('onDevice.errors.notFound');
  return error;
}

/**
 * "Score posts on this device" (a setting of this browser): post text is scored by the
 * extension and never sent. The shipped model is the default; a larger Hugging Face
 * model is downloaded only after a confirm step, with progress, and kept only if its
 * labels read as sentiment.
 */
export function OnDeviceSetting({ load = loadFromHub }: { load?: HubLoader }) {
  const [settings, setSettings] = useState<OnDeviceSettings>({ enabled: false, hubModel: null });
  const [modelInput, setModelInput] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  useEffect(() => {
    void onDeviceItem.getValue().then(setSettings);
    return onDeviceItem.watch((v) => v && setSettings(v));
  }, []);

  const save = async (next: OnDeviceSettings) => {
    setSettings(next);
    await onDeviceItem.setValue(next);
  };

  const toggle = async (enabled: boolean) => {
    await save({ ...settings, enabled });
    setStatus({ kind: 'ok', text: enabled ? t('onDevice.nowOn') : t('onDevice.nowOff') });
  };

  // Step 1: check the id, then ask.
  const ask = () => {
    const parsed = parseHubModelId(modelInput);
    if (!parsed.ok) return setStatus({ kind: 'error', text: t('onDevice.errors.invalidId') });
    setStatus({ kind: 'idle' });
    setConfirming(parsed.id);
  };

  // Step 2: the user confirmed: download (once; the browser keeps the files), check, keep.
  const download = async (id: string, consented: boolean) => {
    setConfirming(null);
    if (!consented) return setStatus({ kind: 'idle' });
    setProgress(0);
    setStatus({ kind: 'busy', text: t('onDevice.downloading', { model: id }) });
    const r = await downloadWithConsent(id, consented, (m) => load(m, setProgress));
    setProgress(null);
    if (!r.ok) return setStatus({ kind: 'error', text: t('onDevice.errors.download', { model: id, error: downloadError(r.error ?? r.reason) }) });
    if (!sentimentFromLabels(r.value)) return setStatus({ kind: 'error', text: t('onDevice.errors.labels', { model: id }) });
    await save({ ...settings, hubModel: r.id });
    setStatus({ kind: 'ok', text: t('onDevice.ready', { model: r.id }) });
  };

  const useShipped = async () => {
    await save({ ...settings, hubModel: null });
    setStatus({ kind: 'ok', text: t('onDevice.shippedInUse') });
  };

  const busy = progress !== null;
  return (
    <section aria-labelledby="ondevice-heading">
      <h2 id="ondevice-heading">{t('onDevice.title')}</h2>
      <label class="field">
        <input
          type="checkbox"
          style={{ width: 'auto', marginRight: '0.5rem' }}
          checked={settings.enabled}
          aria-describedby="ondevice-hint"
          onChange={(e) => void toggle((e.currentTarget as HTMLInputElement).checked)}
        />
        {t('onDevice.label')}
      </label>
      <p id="ondevice-hint" class="hint">
        {t('onDevice.hint')}
      </p>
      <p data-testid="ondevice-model">
        {settings.hubModel ? t('onDevice.modelHub', { model: settings.hubModel }) : t('onDevice.modelShipped')}
      </p>
      {settings.hubModel && (
        <p>
          <button type="button" class="secondary" onClick={() => void useShipped()}>
            {t('onDevice.useShipped')}
          </button>
        </p>
      )}
      <label class="field" for="hub-model">
        {t('onDevice.hubLabel')}
      </label>
      <div class="row">
        <input
          id="hub-model"
          value={modelInput}
          placeholder="owner/model"
          disabled={busy}
          aria-describedby="hub-hint"
          onInput={(e) => setModelInput((e.currentTarget as HTMLInputElement).value)}
        />
        <button type="button" disabled={busy || confirming !== null} onClick={ask}>
          {t('onDevice.download')}
        </button>
      </div>
      <p id="hub-hint" class="hint">
        {t('onDevice.hubHint')}
      </p>
      {confirming && (
        <div role="alertdialog" aria-labelledby="hub-confirm-text">
          <p id="hub-confirm-text">{t('onDevice.confirm', { model: confirming })}</p>
          <div class="buttons">
            <button type="button" onClick={() => void download(confirming, true)}>
              {t('onDevice.confirmYes')}
            </button>
            <button type="button" class="secondary" onClick={() => void download(confirming, false)}>
              {t('onDevice.confirmNo')}
            </button>
          </div>
        </div>
      )}
      {progress !== null && (
        <p>
          <progress max={1} value={progress} aria-label={t('onDevice.progress')} /> {formatPercent(progress)}
        </p>
      )}
      <StatusLine id="ondevice-status" status={status} />
    </section>
  );
}
