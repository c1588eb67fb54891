import { browser } from 'wxt/browser';
import type { ClientScores } from '../../../shared/schemas/annotate';
import { prepareText } from '../../../shared/sentiment/prepare';
import { type Classifier, HubModelNotCached, loadHubModel, loadShippedModel } from '../../lib/ondevice-model';
import { type OffscreenReply, type OffscreenRequest, SHIPPED_MODEL, sentimentFromLabels, toClientScores } from '../../lib/ondevice';

/**
 * The offscreen document of on-device mode (chrome.offscreen, opened by the background):
 * runs transformers.js on post texts the background sends and answers with scores. The
 * texts stay in this browser. Models load on first use and stay loaded while the document
 * lives.
 */
let shipped: Promise<{ classify: Classifier; model: string }> | null = null;
const hub = new Map<string, Promise<Classifier>>();
/** Texts scored per call: bounds memory on a 500-post page. */
const BATCH = 32;

function shippedModel() {
  shipped ??= (async () => {
    const [classify, config] = await Promise.all([
      loadShippedModel(),
      fetch(browser.runtime.getURL(`/models/${SHIPPED_MODEL}/config.json` as '/')).then((r) => r.json() as Promise<{ pulse_model_version?: string }>),
    ]);
    return { classify, model: `${SHIPPED_MODEL}@${config.pulse_model_version ?? 'unknown'}` };
  })();
  shipped.catch(() => (shipped = null)); // a failed load is tried again next time
  return shipped;
}

function hubModel(id: string) {
  let p = hub.get(id);
  if (!p) {
    // Only from the browser's cache: downloading again needs the user's consent (options).
    p = loadHubModel(id, { cacheOnly: true });
    hub.set(id, p);
    p.catch(() => hub.delete(id));
  }
  return p;
}

async function score(req: OffscreenRequest): Promise<OffscreenReply> {
  const t0 = performance.now();
  const loading = !shipped || (req.hubModel !== null && !hub.has(req.hubModel));
  const { classify, model } = await shippedModel();
  const sentiment = req.hubModel ? await hubModel(req.hubModel) : null;
  const t1 = performance.now();
  const texts = req.texts.map((t) => prepareText(t));
  const scores: ClientScores[] = [];
  for (let i = 0; i < texts.length; i += BATCH) {
    const batch = texts.slice(i, i + BATCH);
    const out = await classify(batch, { top_k: null });
    const hubOut = sentiment ? await sentiment(batch, { top_k: null }) : null;
    batch.forEach((text, j) => {
      let probs = null;
      if (hubOut) {
        probs = sentimentFromLabels(hubOut[j]!);
        if (!probs) throw new Error(`${req.hubModel} does not answer with sentiment labels`);
      }
      scores.push(toClientScores(text, req.hubModel ?? model, out[j]!, probs));
    });
  }
  return { ok: true, scores, loadMs: loading ? Math.round(t1 - t0) : null, scoreMs: Math.round(performance.now() - t1) };
}

browser.runtime.onMessage.addListener((message: unknown, _sender, sendResponse) => {
  const m = message as OffscreenRequest | undefined;
  if (m?.target !== 'offscreen') return; // not for this document: the background answers
  if (m.type !== 'score' || !Array.isArray(m.texts) || !m.texts.every((t) => typeof t === 'string')) {
    sendResponse({ ok: false, error: 'bad offscreen request' } satisfies OffscreenReply);
    return;
  }
  score(m).then(sendResponse, (e: unknown) =>
    sendResponse({
      ok: false,
      error: e instanceof Error ? e.message : String(e),
      ...(e instanceof HubModelNotCached ? { code: 'hub_not_cached' as const } : {}),
    } satisfies OffscreenReply),
  );
  return true;
});
