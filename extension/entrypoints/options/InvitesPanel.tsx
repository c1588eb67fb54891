import { useEffect, useState } from 'preact/hooks';
import type { Invite, Role } from '../../../shared/schemas/auth';
import type { OwnerApi } from './useOwnerApi';
import { type Status, StatusLine } from './StatusLine';

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
    setStatus({ kind: 'ok', text: `Invite for a ${role} created. Copy the code now: it is not shown again.` });
    void load();
  };

  const revoke = async (id: string) => {
    const res = await api.revokeInvite(id);
    setStatus(res.ok ? { kind: 'ok', text: 'Invite revoked.' } : { kind: 'error', text: res.error });
    void load();
  };

  return (
    <section aria-labelledby="invites-heading">
      <h3 id="invites-heading">Invites</h3>
      <form class="row" onSubmit={create}>
        <label>
          Role{' '}
          <select value={role} onChange={(e) => setRole((e.target as HTMLSelectElement).value as Role)}>
            <option value="member">member</option>
            <option value="moderator">moderator</option>
            <option value="owner">owner</option>
          </select>
        </label>
        <label>
          Valid for (days){' '}
          <input type="number" min={1} max={365} value={days} onInput={(e) => setDays(Number((e.target as HTMLInputElement).value))} />
        </label>
        <label>
          Uses{' '}
          <input type="number" min={1} max={10000} value={uses} onInput={(e) => setUses(Number((e.target as HTMLInputElement).value))} />
        </label>
        <button type="submit">Create invite</button>
      </form>
      {code && (
        <p class="code">
          <output data-testid="invite-code">{code}</output>{' '}
          <button type="button" class="secondary" onClick={() => void navigator.clipboard.writeText(code)}>
            Copy
          </button>
        </p>
      )}
      <StatusLine id="invites-status" status={status} />
      <table>
        <caption class="sr-only">Invites</caption>
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Used</th>
            <th scope="col">Expires</th>
            <th scope="col">State</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {invites.map((i) => {
            const expired = Date.parse(i.expiresAt) < Date.now();
            const state = i.revokedAt ? 'revoked' : expired ? 'expired' : i.uses >= i.maxUses ? 'used up' : 'open';
            return (
              <tr key={i.id}>
                <td>{i.role}</td>
                <td>
                  {i.uses} / {i.maxUses}
                </td>
                <td>{new Date(i.expiresAt).toLocaleDateString()}</td>
                <td>{state}</td>
                <td>
                  {state === 'open' && (
                    <button type="button" class="secondary" onClick={() => void revoke(i.id)}>
                      Revoke
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
