import { type AnnotateRequestParsed, annotateRequestSchema } from '../../shared/schemas/annotate';
import { eventSchema, type PulseEvent } from '../../shared/schemas/events';
import { catalogueRequestSchema } from '../../shared/schemas/catalogue';
import { correctionRequestSchema } from '../../shared/schemas/corrections';
import { alertsQuerySchema } from '../../shared/schemas/alerts';
import { alertsCacheItem } from './alerts-cache';
import { annotate, catalogue, correctLabel, me, recommendations, sendEvents } from './api';
import { pulseApi } from './dashboard-api';
import { t } from './i18n';
import type { Message, Reply } from './messages';
import type { OffscreenReply, OnDeviceSettings } from './ondevice';
import type { Outbox, OutboxSummary } from './outbox';
import type { Session } from './session';

export interface BackgroundDeps {
  outbox: Outbox;
  workerUrl: () => Promise<string>;
  session: () => Promise<Session | null>;
  saveSession: (s: Session | null) => Promise<void>;
  /** Records that the Worker revoked this browser's access. */
  onRevoked: () => Promise<void>;
  /** Asks for a flush soon (debounced by the caller). */
  scheduleFlush: () => void;
  fetchImpl?: typeof fetch;
  /** On-device mode's setting (lib/ondevice.ts); off when absent. */
  onDevice?: () => Promise<OnDeviceSettings>;
  /** Scores texts in the offscreen document (transformers.js). */
  scoreOnDevice?: (texts: string[], hubModel: string | null) => Promise<OffscreenReply>;
}

/** What pages and the popup say once the Worker has revoked this browser's token. */
export const revokedMessage = () => t('background.revoked');

/**
 * What the background does with each message. Everything coming from a content
 * script is checked against the shared schemas first: page content is untrusted.
 */
export async function handleMessage(message: Message, deps: BackgroundDeps): Promise<unknown> {
  switch (message?.type) {
    case 'events': {
      const valid: PulseEvent[] = [];
      for (const e of Array.isArray(message.events) ? message.events : []) {
        const r = eventSchema.safeParse(e);
        if (r.success) valid.push(r.data);
        else console.warn('Community Pulse: dropped an invalid event', r.error.issues[0]);
      }
      const { queued } = await deps.outbox.enqueue(valid);
      deps.scheduleFlush();
      return { ok: true, queued };
    }
    case 'annotate': {
      const session = await deps.session();
      if (!session) return { ok: false, code: 'not_joined', error: t('background.notJoined') };
      if (session.revokedAt) return { ok: false, code: 'token_revoked', error: revokedMessage() };
      let raw: unknown;
      try {
        raw = JSON.parse(String(message.requestJson));
      } catch {
        return { ok: false, code: 'invalid', error: 'invalid annotate request: not JSON' };
      }
      const r = annotateRequestSchema.safeParse(raw);
      if (!r.success) return { ok: false, code: 'invalid', error: `invalid annotate request: ${r.error.issues[0]?.message}` };
      const request = await onDeviceRequest(r.data, session.role, deps);
      if (!request.ok) return request;
      const res = await annotate(await deps.workerUrl(), session.token, request.request, deps.fetchImpl);
      if (res.ok) return { ok: true, dataJson: JSON.stringify(res.data) };
      if (res.code === 'token_revoked') {
        await deps.onRevoked();
        return { ok: false, code: res.code, error: revokedMessage() };
      }
      return { ok: false, code: res.code, error: res.error };
    }
    case 'flush-now': {
      await flush(deps, true);
      return status(deps);
    }
    case 'outbox-status':
      return status(deps);
    case 'site-config': {
      const session = await deps.session();
      return { ok: true, site: session?.community.sites.find((s) => s.origin === message.origin) ?? null };
    }
    case 'refresh-session':
      return { ok: true, session: await refreshSession(deps) };
    case 'catalogue': {
      const session = await deps.session();
      if (!session || session.revokedAt) return { ok: false, code: 'not_joined', error: 'Not joined' };
      const r = catalogueRequestSchema.safeParse(message.request);
      if (!r.success) return { ok: false, code: 'invalid', error: `invalid catalogue request: ${r.error.issues[0]?.message}` };
      const res = await catalogue(await deps.workerUrl(), session.token, r.data, deps.fetchImpl);
      return res.ok ? { ok: true, recorded: res.data.recorded } : { ok: false, code: res.code, error: res.error };
    }
    case 'recommendations': {
      const session = await deps.session();
      if (!session || session.revokedAt) return { ok: false, code: 'not_joined', error: 'Not joined' };
      // What was just read must count: send waiting events first.
      await flush(deps, true);
      const res = await recommendations(
        await deps.workerUrl(),
        session.token,
        { site: String(message.site), ...(message.thread ? { thread: String(message.thread) } : {}) },
        deps.fetchImpl,
      );
      if (!res.ok && res.code === 'token_revoked') await deps.onRevoked();
      return res.ok ? { ok: true, data: res.data } : { ok: false, code: res.code, error: res.error };
    }
    case 'thread-alerts': {
      const session = await deps.session();
      if (!session || session.revokedAt || session.role === 'member') return { ok: true, alerts: [] };
      const q = threadAlertsQuery.safeParse({ site: message.site, thread: message.thread });
      if (!q.success) return { ok: false, code: 'invalid', error: `invalid thread: ${q.error.issues[0]?.message}` };
      const res = await pulseApi(await deps.workerUrl(), session.token, deps.fetchImpl).alerts({ status: 'open', ...q.data, limit: 20 });
      if (!res.ok && res.code === 'token_revoked') await deps.onRevoked();
      return res.ok ? { ok: true, alerts: res.data.alerts } : { ok: false, code: res.code, error: res.error };
    }
    case 'correction': {
      const session = await deps.session();
      if (!session || session.revokedAt) return { ok: false, code: 'not_joined', error: 'Not joined' };
      if (session.role === 'member') return { ok: false, code: 'forbidden', error: 'Only moderators and owners correct labels' };
      // A correction carries the post's text to the Worker: not while text stays in the browser.
      if ((await deps.onDevice?.())?.enabled) return { ok: false, code: 'on_device', error: t('onDevice.noCorrections') };
      const r = correctionRequestSchema.safeParse(message.request);
      if (!r.success) return { ok: false, code: 'invalid', error: `invalid correction: ${r.error.issues[0]?.message}` };
      const res = await correctLabel(await deps.workerUrl(), session.token, r.data, deps.fetchImpl);
      if (!res.ok && res.code === 'token_revoked') await deps.onRevoked();
      return res.ok ? { ok: true, data: res.data } : { ok: false, code: res.code, error: res.error };
    }
    default:
      return { ok: false, error: 'unknown message' };
  }
}

/**
 * On-device mode: each post's text is replaced by the scores the offscreen document made
 * of it, so no text leaves the browser. Members get no post scores, so theirs is simply
 * dropped. If scoring fails the request is not sent (never the text instead).
 */
export async function onDeviceRequest(
  request: AnnotateRequestParsed,
  role: Session['role'],
  deps: Pick<BackgroundDeps, 'onDevice' | 'scoreOnDevice'>,
): Promise<{ ok: true; request: AnnotateRequestParsed } | { ok: false; code: string; error: string }> {
  const settings = await deps.onDevice?.();
  if (!settings?.enabled) return { ok: true, request };
  const withText = request.posts.filter((p) => p.text !== undefined);
  const strip = ({ text: _text, scores: _scores, ...p }: AnnotateRequestParsed['posts'][number]) => p;
  if (role === 'member' || withText.length === 0) return { ok: true, request: { ...request, posts: request.posts.map(strip) } };
  if (!deps.scoreOnDevice) return { ok: false, code: 'on_device_failed', error: t('onDevice.errors.scoring', { error: 'no offscreen document' }) };
  let reply: OffscreenReply;
  try {
    reply = await deps.scoreOnDevice(
      withText.map((p) => p.text!),
      settings.hubModel,
    );
  } catch (e) {
    reply = { ok: false, error: (e as Error).message };
  }
  if (!reply.ok && reply.code === 'hub_not_cached') {
    return { ok: false, code: 'on_device_failed', error: t('onDevice.errors.notCached', { model: settings.hubModel ?? '' }) };
  }
  if (!reply.ok || reply.scores.length !== withText.length) {
    return { ok: false, code: 'on_device_failed', error: t('onDevice.errors.scoring', { error: reply.ok ? 'wrong number of scores' : reply.error }) };
  }
  const byPost = new Map(withText.map((p, i) => [p, reply.scores[i]!]));
  return {
    ok: true,
    request: { ...request, posts: request.posts.map((p) => (byPost.has(p) ? { ...strip(p), scores: byPost.get(p)! } : strip(p))) },
  };
}

const threadAlertsQuery = alertsQuerySchema.pick({ site: true, thread: true }).required();

/**
 * Re-reads the community's open alerts (moderators and owners) into the cache the popup
 * paints first and the toolbar badge counts; null when this browser cannot see alerts.
 */
export async function refreshOpenAlerts(deps: BackgroundDeps): Promise<number | null> {
  const session = await deps.session();
  if (!session || session.revokedAt || session.role === 'member') return null;
  const res = await pulseApi(await deps.workerUrl(), session.token, deps.fetchImpl).alerts({ status: 'open' });
  if (!res.ok) {
    if (res.code === 'token_revoked') await deps.onRevoked();
    return null;
  }
  await alertsCacheItem.setValue({ communityId: session.community.id, data: res.data, fetchedAt: Date.now() });
  return res.data.open;
}

/** Re-reads the community (sites, selectors, settings) and the role from the Worker. */
export async function refreshSession(deps: BackgroundDeps): Promise<Session | null> {
  const session = await deps.session();
  if (!session || session.revokedAt) return session;
  const res = await me(await deps.workerUrl(), session.token, deps.fetchImpl);
  if (res.ok) {
    const next = { ...session, role: res.data.account.role, community: res.data.community };
    await deps.saveSession(next);
    return next;
  }
  if (res.code === 'token_revoked') await deps.onRevoked();
  return deps.session();
}

/** The popup's view of delivery: the outbox summarised (counts and times, not the waiting events). */
async function status(deps: BackgroundDeps): Promise<Reply<{ type: 'outbox-status' }>> {
  return { ok: true, outbox: await deps.outbox.summary(), workerUrl: await deps.workerUrl(), session: await deps.session() };
}

/** Sends waiting events with the session's token; does nothing before joining or after revocation. */
export async function flush(deps: BackgroundDeps, force = false): Promise<OutboxSummary> {
  const [url, session] = await Promise.all([deps.workerUrl(), deps.session()]);
  if (!session || session.revokedAt) return deps.outbox.summary();
  let revoked = false;
  await deps.outbox.flush(
    async (batch) => {
      const r = await sendEvents(url, session.token, batch, deps.fetchImpl);
      if (!r.ok && r.code === 'token_revoked') revoked = true;
      return r;
    },
    { force },
  );
  if (revoked) await deps.onRevoked();
  return deps.outbox.summary();
}
