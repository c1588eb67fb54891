import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../../../shared/schemas/auth';
import { formatDateTime, formatDay, t } from '../../lib/i18n';
import type { OwnerApi } from './useOwnerApi';
import { type Status, StatusLine } from './StatusLine';

const ROLE_KEYS = { owner: 'roles.owner', moderator: 'roles.moderator', member: 'roles.member' } as const;
const roleLabel = (role: keyof typeof ROLE_KEYS) => t(ROLE_KEYS[role]);

/** Owners see who joined (by role, browser label, last seen) and revoke access at once. */
export function AccountsPanel({ api, self }: { api: OwnerApi; self: string }) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const load = async () => {
    const res = await api.listAccounts();
    if (res.ok) setAccounts(res.data.accounts);
    else setStatus({ kind: 'error', text: res.error });
  };
  useEffect(() => void load(), [api]);

  const revoke = async (a: Account) => {
    if (!confirm(t('options.accounts.confirmRevoke', { role: roleLabel(a.role), label: a.label ?? t('options.accounts.unnamed') }))) return;
    const res = await api.revokeAccount(a.id);
    setStatus(res.ok ? { kind: 'ok', text: t('options.accounts.revoked') } : { kind: 'error', text: res.error });
    void load();
  };

  return (
    <section aria-labelledby="accounts-heading">
      <h3 id="accounts-heading">{t('options.accounts.title')}</h3>
      <StatusLine id="accounts-status" status={status} />
      <table>
        <thead>
          <tr>
            <th scope="col">{t('options.accounts.role')}</th>
            <th scope="col">{t('options.accounts.browser')}</th>
            <th scope="col">{t('options.accounts.joined')}</th>
            <th scope="col">{t('options.accounts.lastSeen')}</th>
            <th scope="col">
              <span class="sr-only">{t('options.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td>{roleLabel(a.role)}</td>
              <td>
                {a.label ?? '—'}
                {a.id === self ? ` ${t('options.accounts.you')}` : ''}
              </td>
              <td>{formatDay(a.createdAt, true)}</td>
              <td>{a.revokedAt ? t('options.accounts.revokedOn', { when: formatDay(a.revokedAt, true) }) : a.lastSeenAt ? formatDateTime(a.lastSeenAt) : '—'}</td>
              <td>
                {!a.revokedAt && a.id !== self && (
                  <button
                    type="button"
                    class="secondary"
                    aria-label={t('options.accounts.revokeOf', { role: roleLabel(a.role), label: a.label ?? t('options.accounts.unnamed') })}
                    onClick={() => void revoke(a)}
                  >
                    {t('options.revoke')}
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
