import { useState } from 'preact/hooks';
import { deleteMyData, exportMyData } from '../../lib/api';
import { type Session, sessionItem } from '../../lib/session';
import { workerUrlItem } from '../../lib/settings';
import { allowOrigins } from './permissions';
import { type Status, StatusLine } from './StatusLine';

function download(name: string, data: unknown) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Who this browser is in which community, with the member's own data rights. */
export function Membership({ session }: { session: Session }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const origins = session.community.sites.map((s) => s.origin);

  const allow = async () => {
    const granted = await allowOrigins(origins);
    setStatus(granted ? { kind: 'ok', text: 'Access granted.' } : { kind: 'error', text: 'Access was not granted.' });
  };

  const exportData = async () => {
    setStatus({ kind: 'busy', text: 'Preparing your data…' });
    const res = await exportMyData(await workerUrlItem.getValue(), session.token);
    if (!res.ok) return setStatus({ kind: 'error', text: res.error });
    download('community-pulse-my-data.json', res.data);
    setStatus({ kind: 'ok', text: 'Your data was downloaded as community-pulse-my-data.json.' });
  };

  const erase = async () => {
    if (!confirm(`Delete everything ${session.community.name}'s Community Pulse stores about you, and leave? This cannot be undone.`)) return;
    setStatus({ kind: 'busy', text: 'Deleting…' });
    const res = await deleteMyData(await workerUrlItem.getValue(), session.token);
    if (!res.ok) return setStatus({ kind: 'error', text: res.error });
    await sessionItem.setValue(null);
    setStatus({ kind: 'ok', text: `Deleted: ${res.data.deleted.events} events and the authorship of ${res.data.deleted.posts} posts. You have left the community.` });
  };

  const leave = async () => {
    if (!confirm('Forget this community on this browser? Your data stays with the community until you delete it.')) return;
    await sessionItem.setValue(null);
  };

  return (
    <section aria-labelledby="membership-heading">
      <h2 id="membership-heading">Your community</h2>
      {session.revokedAt && (
        <p class="status status--error" role="alert">
          The owner revoked this browser's access on {new Date(session.revokedAt).toLocaleString()}. Ask for a new invite code.
        </p>
      )}
      <dl>
        <dt>Community</dt>
        <dd data-testid="community-name">{session.community.name}</dd>
        <dt>Your role</dt>
        <dd data-testid="role">{session.role}</dd>
        <dt>Runs on</dt>
        <dd>{origins.join(', ')}</dd>
        <dt>Per-member scores</dt>
        <dd>{session.community.settings.memberScores ? 'on' : 'switched off by the owner'}</dd>
      </dl>
      <div class="buttons">
        <button type="button" class="secondary" onClick={allow}>
          Allow on the community's sites
        </button>
        <button type="button" class="secondary" onClick={exportData}>
          Export my data
        </button>
        <button type="button" class="danger" onClick={erase}>
          Delete my data and leave
        </button>
        <button type="button" class="secondary" onClick={leave}>
          Forget on this browser
        </button>
      </div>
      <StatusLine id="membership-status" status={status} />
    </section>
  );
}
