import { useEffect, useState } from 'preact/hooks';
import type { RecommendationsResponse } from '../../shared/schemas/recommendations';
import { strings } from './strings';

export type RecsState =
  | { status: 'loading' }
  | { status: 'ready'; items: RecommendationsResponse['items'] }
  | { status: 'error'; error: string };

export interface RecsPanelProps {
  state: RecsState;
  open: boolean;
  onToggle: (open: boolean) => void;
  /** Called once per item shown while the panel is open. */
  onShown: (thread: string, rank: number) => void;
  onOpenThread: (thread: string, url: string, rank: number) => void;
  onDismiss: (thread: string, rank: number) => void;
}

/**
 * "Recommended for you": a collapsible panel at the side of the page, each thread with
 * the reason it was picked. Titles and reasons are text, never HTML.
 */
export function RecsPanel({ state, open, onToggle, onShown, onOpenThread, onDismiss }: RecsPanelProps) {
  const [hidden, setHidden] = useState<Set<string>>(new Set());
  const items = state.status === 'ready' ? state.items.filter((i) => !hidden.has(i.thread)) : [];

  useEffect(() => {
    if (open) items.forEach((i, rank) => onShown(i.thread, rank));
  }, [open, state]);

  if (state.status === 'error') return null;
  if (!open) {
    return (
      <button type="button" class="tab" aria-expanded="false" onClick={() => onToggle(true)}>
        {strings.recs.show(items.length)}
      </button>
    );
  }
  return (
    <aside class="panel" aria-label={strings.recs.title}>
      <header>
        <h2>{strings.recs.title}</h2>
        <button type="button" class="close" aria-expanded="true" aria-label={strings.recs.hide} onClick={() => onToggle(false)}>
          ×
        </button>
      </header>
      {state.status === 'loading' && <p role="status">{strings.recs.loading}</p>}
      {state.status === 'ready' && items.length === 0 && <p>{strings.recs.empty}</p>}
      <ol>
        {items.map((item, rank) => (
          <li key={item.thread} data-thread={item.thread}>
            <a
              href={item.url ?? '#'}
              onClick={(e) => {
                if (!item.url) return;
                e.preventDefault();
                onOpenThread(item.thread, item.url, rank);
              }}
            >
              {item.title}
            </a>
            <span class="reason">{strings.recs.reason(item.reason.kind, item.reason.ref, item.reason.refTitle)}</span>
            <button
              type="button"
              class="dismiss"
              onClick={() => {
                setHidden(new Set([...hidden, item.thread]));
                onDismiss(item.thread, rank);
              }}
            >
              {strings.recs.notInterested}
            </button>
          </li>
        ))}
      </ol>
    </aside>
  );
}

export const RECS_CSS = `
:host { all: initial; }
.tab, .panel { position: fixed; right: 16px; bottom: 16px; z-index: 2147482000;
  font: 13px/1.45 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: #111827; }
.tab { padding: 6px 12px; border-radius: 999px; border: 1px solid #1d4ed8; background: #eff6ff; color: #1e3a8a; cursor: pointer; }
.panel { width: 320px; max-height: 70vh; overflow: auto; background: #fff; border: 1px solid #d1d5db; border-radius: 8px;
  box-shadow: 0 6px 24px rgba(0,0,0,.18); padding: 8px 12px; }
header { display: flex; align-items: center; justify-content: space-between; }
h2 { font-size: 14px; margin: 4px 0; }
ol { margin: 0; padding-left: 18px; }
li { margin: 8px 0; }
a { color: #1d4ed8; font-weight: 600; text-decoration: none; }
a:hover, a:focus-visible { text-decoration: underline; }
.reason { display: block; color: #4b5563; font-size: 12px; }
.dismiss, .close { border: 0; background: none; color: #6b7280; cursor: pointer; font: inherit; font-size: 12px; padding: 0; }
.close { font-size: 18px; }
button:focus-visible, a:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 2px; }
`;
