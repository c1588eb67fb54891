import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { ask, type Reply } from '../../lib/messages';

type StatusReply = Reply<{ type: 'outbox-status' }>;

const time = (ms: number | null) => (ms ? new Date(ms).toLocaleString() : 'never');

/** Delivery status: where events go, what waits, what failed, and nothing dropped silently. */
export function PopupApp() {
  const [reply, setReply] = useState<StatusReply | null>(null);
  const [busy, setBusy] = useState(false);

  const load = async () => setReply(await ask({ type: 'outbox-status' }));
  useEffect(() => {
    void load();
  }, []);

  const sendNow = async () => {
    setBusy(true);
    setReply(await ask({ type: 'flush-now' }));
    setBusy(false);
  };

  if (!reply) return <p role="status">Loading…</p>;
  if (!reply.ok) return <p role="alert">{reply.error}</p>;
  const { outbox, workerUrl, session } = reply;
  return (
    <main>
      <h1>Community Pulse</h1>
      {!session && (
        <p class="warn" role="status">
          Not joined yet: open Settings and paste your community's invite code.
        </p>
      )}
      {session?.revokedAt && (
        <p class="warn" role="alert">
          Your access to {session.community.name} was revoked. Ask its owner for a new invite.
        </p>
      )}
      <dl>
        {session && (
          <>
            <dt>Community</dt>
            <dd data-testid="community">{session.community.name}</dd>
            <dt>You are</dt>
            <dd data-testid="role">{session.role}</dd>
          </>
        )}
        <dt>Worker</dt>
        <dd>{workerUrl}</dd>
        <dt>Waiting to send</dt>
        <dd data-testid="pending">{outbox.pending.length} events</dd>
        <dt>Sent</dt>
        <dd>
          {outbox.sent} events (last {time(outbox.lastSentAt)})
        </dd>
        {outbox.dropped > 0 && (
          <>
            <dt>Dropped</dt>
            <dd class="warn">{outbox.dropped} events: the outbox was full while the Worker was unreachable</dd>
          </>
        )}
        {outbox.rejected > 0 && (
          <>
            <dt>Refused by the Worker</dt>
            <dd class="warn">{outbox.rejected} events</dd>
          </>
        )}
      </dl>
      {outbox.lastError && (
        <p class="warn" role="alert">
          {outbox.lastError}
        </p>
      )}
      <div class="buttons">
        <button type="button" onClick={sendNow} disabled={busy || outbox.pending.length === 0}>
          Send now
        </button>
        <button type="button" onClick={() => void browser.runtime.openOptionsPage()}>
          Settings
        </button>
      </div>
    </main>
  );
}
