import { useEffect, useState } from 'preact/hooks';
import type { Invite, Role } from '../../../shared/schemas/auth';
import { formatDay, t } from '../../lib/i18n';
import type { OwnerApi } from './useOwnerApi';
import { type Status, StatusLine } from './StatusLine';

const ROLE_KEYS = { owner: 'roles.owner', moderator: 'roles.moderator', member: 'roles.member' } as const;
const roleLabel = (role: keyof typeof ROLE_KEYS) => t(ROLE_KEYS[role]);

const STATE_KEYS = {
  revoked: 'options.invites.states.revoked',
  expired: 'options.invites.states.expired',
  usedUp: 'options.invites.states.usedUp',
  open: 'options.invites.states.open',
} as const;

/** Owners make invites (role, expiry, uses), see them, and revoke them. Codes show once. */
export function InvitesPanel({ api }: { api: OwnerApi }) {
  const [invites, setInvites] = useState<Invite[]>([]);
  const [role, setRole] = useState<Role>('member');
  const [days, setDays] = useState(7);
  const [uses, setUses] = useState(1);
  const [code, setCode] = useState<string | null>(null);
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const load = async () => {
    const res = await api.listInvites();
    if (res.ok) setInvites(res.data.invites);
    else setStatus({ kind: 'error', text: res.error });
  };
  useEffect(() => void load(), [api]);

  const create = async (e: Event) => {
    e.preventDefault();
    const res = await api.createInvite({ role, expiresInDays: days, maxUses: uses });
    if (!res.ok) return setStatus({ kind: 'error', text: res.error });
    setCode(res.data.code);
    setStatus({ kind: 'ok', text: t('options.invites.created', { role: roleLabel(role) }) });
    void load();
  };

  const revoke = async (id: string) => {
    const res = await api.revokeInvite(id);
    setStatus(res.ok ? { kind: 'ok', text: t('options.invites.revoked') } : { kind: 'error', text: res.error });
    void load();
  };

  return (
    <section aria-labelledby="invites-heading">
      <h3 id="invites-heading">{t('options.invites.title')}</h3>
      <form class="row" onSubmit={create}>
        <label>
          {t('options.invites.role')}{' '}
          <select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
            <option value="member">{roleLabel('member')}</option>
            <option value="moderator">{roleLabel('moderator')}</option>
            <option value="owner">{roleLabel('owner')}</option>
          </select>
        </label>
        <label>
          {t('options.invites.days')}{' '}
          <input type="number" min={1} max={365} value={days} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} />
        </label>
        <label>
          {t('options.invites.uses')}{' '}
          <input type="number" min={1} max={10000} value={uses} onInput={(e) => setUses(Number((e.target as HTMLInputElement).value))} />
        </label>
        <button type="submit">{t('options.invites.create')}</button>
      </form>
      {code && (
        <p class="code">
          <output data-testid="invite-code">{code}</output>{' '}
          <button type="button" class="secondary" onClick={() => void navigator.clipboard.writeText(code)}>
            {t('options.invites.copy')}
          </button>
        </p>
      )}
      <StatusLine id="invites-status" status={status} />
      <table>
        <caption class="sr-only">{t('options.invites.title')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('options.invites.role')}</th>
            <th scope="col">{t('options.invites.used')}</th>
            <th scope="col">{t('options.invites.expires')}</th>
            <th scope="col">{t('options.invites.state')}</th>
            <th scope="col">
              <span class="sr-only">{t('options.actions')}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {invites.map((i) => {
            const expired = Date.parse(i.expiresAt) < Date.now();
            const state = i.revokedAt ? 'revoked' : expired ? 'expired' : i.uses >= i.maxUses ? 'usedUp' : 'open';
            return (
              <tr key={i.id}>
                <td>{roleLabel(i.role)}</td>
                <td>
                  {i.uses} / {i.maxUses}
                </td>
                <td>{formatDay(i.expiresAt, true)}</td>
                <td>{t(STATE_KEYS[state])}</td>
                <td>
                  {state === 'open' && (
                    <button
                      type="button"
                      class="secondary"
                      aria-label={t('options.invites.revokeOf', { role: roleLabel(i.role), expires: formatDay(i.expiresAt, true) })}
                      onClick={() => void revoke(i.id)}
                    >
                      {t('options.revoke')}
                    </button>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </section>
  );
}
