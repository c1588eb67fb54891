import { useState } from 'preact/hooks';
import { t } from '../../lib/i18n';
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
    setStatus({ kind: 'ok', text: next ? t('options.owner.scoresOn') : t('options.owner.scoresOff') });
  };

  return (
    <section aria-labelledby="owner-heading">
      <h2 id="owner-heading">{t('options.owner.title', { community: session.community.name })}</h2>
      <p>
        <button type="button" class="secondary" onClick={() => void toggleScores()}>
          {session.community.settings.memberScores ? t('options.owner.switchOff') : t('options.owner.switchOn')}
        </button>
      </p>
      <StatusLine id="owner-status" status={status} />
      <InvitesPanel api={api} />
      <AccountsPanel api={api} self={session.accountId} />
      <SitesPanel api={api} sites={session.community.sites} />
    </section>
  );
}
