import { useState } from 'preact/hooks';
import { deleteMyData, exportMyData } from '../../lib/api';
import { formatDateTime, formatNumber, t } from '../../lib/i18n';
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

const ROLE_KEYS = { owner: 'roles.owner', moderator: 'roles.moderator', member: 'roles.member' } as const;
const roleLabel = (role: keyof typeof ROLE_KEYS) => t(ROLE_KEYS[role]);

/** Who this browser is in which community, with the member's own data rights. */
export function Membership({ session }: { session: Session }) {
  const [status, setStatus] = useState<Status>({ kind: 'idle' });
  const origins = session.community.sites.map((s) => s.origin);

  const allow = async () => {
    const granted = await allowOrigins(origins);
    setStatus(granted ? { kind: 'ok', text: t('options.membership.granted') } : { kind: 'error', text: t('options.membership.notGranted') });
  };

  const exportData = async () => {
    setStatus({ kind: 'busy', text: t('options.membership.preparing') });
    const res = await exportMyData(await workerUrlItem.getValue(), session.token);
    if (!res.ok) return setStatus({ kind: 'error', text: res.error });
    download('community-pulse-my-data.json', res.data);
    setStatus({ kind: 'ok', text: t('options.membership.downloaded', { file: 'community-pulse-my-data.json' }) });
  };

  const erase = async () => {
    if (!confirm(t('options.membership.confirmDelete', { community: session.community.name }))) return;
    setStatus({ kind: 'busy', text: t('options.membership.deleting') });
    const res = await deleteMyData(await workerUrlItem.getValue(), session.token);
    if (!res.ok) return setStatus({ kind: 'error', text: res.error });
    await sessionItem.setValue(null);
    setStatus({ kind: 'ok', text: t('options.membership.deleted', { events: formatNumber(res.data.deleted.events), posts: formatNumber(res.data.deleted.posts) }) });
  };

  const leave = async () => {
    if (!confirm(t('options.membership.confirmForget'))) return;
    await sessionItem.setValue(null);
  };

  return (
    <section aria-labelledby="membership-heading">
      <h2 id="membership-heading">{t('options.membership.title')}</h2>
      {session.revokedAt && (
        <p class="status status--error" role="alert">
          {t('options.membership.revoked', { when: formatDateTime(session.revokedAt) })}
        </p>
      )}
      <dl>
        <dt>{t('options.membership.community')}</dt>
        <dd data-testid="community-name">{session.community.name}</dd>
        <dt>{t('options.membership.role')}</dt>
        <dd data-testid="role">{roleLabel(session.role)}</dd>
        <dt>{t('options.membership.runsOn')}</dt>
        <dd>{origins.join(', ')}</dd>
        <dt>{t('options.membership.memberScores')}</dt>
        <dd>{session.community.settings.memberScores ? t('options.membership.scoresOn') : t('options.membership.scoresOff')}</dd>
      </dl>
      <div class="buttons">
        <button type="button" class="secondary" onClick={allow}>
          {t('options.membership.allow')}
        </button>
        <button type="button" class="secondary" onClick={exportData}>
          {t('options.membership.export')}
        </button>
        <button type="button" class="danger" onClick={erase}>
          {t('options.membership.delete')}
        </button>
        <button type="button" class="secondary" onClick={leave}>
          {t('options.membership.forget')}
        </button>
      </div>
      <StatusLine id="membership-status" status={status} />
    </section>
  );
}
