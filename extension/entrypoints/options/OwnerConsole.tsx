import { useState } from 'preact/hooks';
import { ask } from '../../lib/messages';
import type { Session } from '../../lib/session';
import { AccountsPanel } from './AccountsPanel';
import { InvitesPanel } from './InvitesPanel';
import { SitesPanel } from './SitesPanel';
import { type Status, StatusLine } from './StatusLine';
import { useOwnerApi } from './useOwnerApi';

/** What only owners manage: invites, access, sites and the per-member scores switch. */
export function OwnerConsole({ session }: { session: Session }) {
  const api = useOwnerApi(session);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  if (!api) return null;

  const toggleScores = async () => {
    const next = !session.community.settings.memberScores;
    const res = await api.setMemberScores(next);
    if (!res.ok) return setStatus({ kind: 'error', text: res.error });
    await ask({ type: 'refresh-session' });
    setStatus({ kind: 'ok', text: next ? 'Per-member scores are on.' : 'Per-member scores are off for everyone (members still see their own).' });
  };

  return (
    <section aria-labelledby="owner-heading">
      <h2 id="owner-heading">Manage {session.community.name}</h2>
      <p>
        <button type="button" class="secondary" onClick={() => void toggleScores()}>
          {session.community.settings.memberScores ? 'Switch per-member scores off' : 'Switch per-member scores on'}
        </button>
      </p>
      <StatusLine id="owner-status" status={status} />
      <InvitesPanel api={api} />
      <AccountsPanel api={api} self={session.accountId} />
      <SitesPanel api={api} sites={session.community.sites} />
    </section>
  );
}
