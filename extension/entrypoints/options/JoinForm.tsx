import { useState } from 'preact/hooks';
import { inviteCodeSchema } from '../../../shared/schemas/auth';
import { join } from '../../lib/api';
import { t } from '../../lib/i18n';
import { sessionItem } from '../../lib/session';
import { workerUrlItem } from '../../lib/settings';
import { allowOrigins } from './permissions';
import { type Status, StatusLine } from './StatusLine';

const ROLE_KEYS = { owner: 'roles.owner', moderator: 'roles.moderator', member: 'roles.member' } as const;
const roleName = (role: keyof typeof ROLE_KEYS) => t(ROLE_KEYS[role]);

/** Paste an invite code: the Worker answers with this browser's token (kept in extension storage). */
export function JoinForm() {
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const submit = async (e: Event) => {
    e.preventDefault();
    const parsed = inviteCodeSchema.safeParse(code);
    if (!parsed.success) {
      setStatus({ kind: 'error', text: t('options.join.notACode') });
      return;
    }
    setStatus({ kind: 'busy', text: t('options.join.joining') });
    const workerUrl = await workerUrlItem.getValue();
    const res = await join(workerUrl, parsed.data, label.trim() || undefined);
    if (!res.ok) {
      setStatus({ kind: 'error', text: res.error });
      return;
    }
    const { token, account, community } = res.data;
    await sessionItem.setValue({ token, accountId: account.id, role: account.role, community, joinedAt: new Date().toISOString(), revokedAt: null });
    setCode('');
    const granted = await allowOrigins(community.sites.map((s) => s.origin)).catch(() => false);
    setStatus({
      kind: granted ? 'ok' : 'error',
      text: granted
        ? t('options.join.joined', { community: community.name, role: roleName(account.role), sites: community.sites.map((s) => s.origin).join(', ') })
        : t('options.join.joinedNoAccess', { community: community.name, role: roleName(account.role) }),
    });
  };

  return (
    <section aria-labelledby="join-heading">
      <h2 id="join-heading">{t('options.join.title')}</h2>
      <form onSubmit={submit} noValidate>
        <label for="invite-code">{t('options.join.label')}</label>
        <p class="hint" id="invite-code-hint">
          {t('options.join.hint')}
        </p>
        <input
          id="invite-code"
          autoComplete="off"
          spellcheck={false}
          aria-describedby="invite-code-hint join-status"
          aria-invalid={status.kind === 'error'}
          value={code}
          onInput={(e) => setCode((e.target as HTMLInputElement).value)}
        />
        <label for="device-label">{t('options.join.deviceLabel')}</label>
        <input id="device-label" maxLength={60} value={label} onInput={(e) => setLabel((e.target as HTMLInputElement).value)} />
        <div class="buttons">
          <button type="submit" disabled={status.kind === 'busy'}>
            {t('options.join.submit')}
          </button>
        </div>
      </form>
      <StatusLine id="join-status" status={status} />
    </section>
  );
}
