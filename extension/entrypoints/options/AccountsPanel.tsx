import { useEffect, useState } from 'preact/hooks';
import type { Account } from '../../../shared/schemas/auth';
import type { OwnerApi } from './useOwnerApi';
import { type Status, StatusLine } from './StatusLine';

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
    if (!confirm(`Revoke this ${a.role}'s access (${a.label ?? 'unnamed browser'})? It stops working at once.`)) return;
    const res = await api.revokeAccount(a.id);
    setStatus(res.ok ? { kind: 'ok', text: 'Access revoked.' } : { kind: 'error', text: res.error });
    void load();
  };

  return (
    <section aria-labelledby="accounts-heading">
      <h3 id="accounts-heading">People with access</h3>
      <StatusLine id="accounts-status" status={status} />
      <table>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Browser</th>
            <th scope="col">Joined</th>
            <th scope="col">Last seen</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {accounts.map((a) => (
            <tr key={a.id}>
              <td>{a.role}</td>
              <td>{a.label ?? '—'}{a.id === self ? ' (you)' : ''}</td>
              <td>{new Date(a.createdAt).toLocaleDateString()}</td>
              <td>{a.revokedAt ? `revoked ${new Date(a.revokedAt).toLocaleDateString()}` : a.lastSeenAt ? new Date(a.lastSeenAt).toLocaleString() : '—'}</td>
              <td>
                {!a.revokedAt && a.id !== self && (
                  <button type="button" class="secondary" onClick={() => void revoke(a)}>
                    Revoke
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
