export type Status =
  | { kind: 'idle' }
  | { kind: 'busy'; text: string }
  | { kind: 'ok'; text: string }
  | { kind: 'error'; text: string };

/** The outcome of the last action, announced to screen readers. */
export function StatusLine({ id, status, idle = '' }: { id: string; status: Status; idle?: string }) {
  return (
    <p id={id} class={`status status--${status.kind}`} role={status.kind === 'error' ? 'alert' : 'status'}>
      {status.kind === 'idle' ? idle : status.text}
    </p>
  );
}
