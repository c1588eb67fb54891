import { useState } from 'preact/hooks';
import { inviteCodeSchema } from '../../../shared/schemas/auth';
import { join } from '../../lib/api';
import { sessionItem } from '../../lib/session';
import { workerUrlItem } from '../../lib/settings';
import { allowOrigins } from './permissions';
import { type Status, StatusLine } from './StatusLine';

/** Paste an invite code: the Worker answers with this browser's token (kept in extension storage). */
export function JoinForm() {
  const [code, setCode] = useState('');
  const [label, setLabel] = useState('');
  const [status, setStatus] = useState<Status>({ kind: 'idle' });

  const submit = async (e: Event) => {
    e.preventDefault();
    const parsed = inviteCodeSchema.safeParse(code);
    if (!parsed.success) {
      setStatus({ kind: 'error', text: 'That is not an invite code. It looks like CP- followed by 26 letters and digits.' });
      return;
    }
    setStatus({ kind: 'busy', text: 'Joining…' });
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
        ? `Joined ${community.name} as ${account.role}. Community Pulse now runs on ${community.sites.map((s) => s.origin).join(', ')}.`
        : `Joined ${community.name} as ${account.role}, but without access to its sites the extension cannot show anything there. Use "Allow on the community's sites" below.`,
    });
  };

  return (
    <section aria-labelledby="join-heading">
      <h2 id="join-heading">Join your community</h2>
      <form onSubmit={submit} noValidate>
        <label for="invite-code">Invite code</label>
        <p class="hint" id="invite-code-hint">
          The code your community's owner gave you, e.g. CP-7Q2M… It works once; the extension keeps the access it gives.
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
        <label for="device-label">Name this browser (optional)</label>
        <input id="device-label" maxLength={60} value={label} onInput={(e) => setLabel((e.target as HTMLInputElement).value)} />
        <div class="buttons">
          <button type="submit" disabled={status.kind === 'busy'}>
            Join
          </button>
        </div>
      </form>
      <StatusLine id="join-status" status={status} />
    </section>
  );
}
