import { useEffect, useState } from 'preact/hooks';
import type { AnnotationStore } from '../content/annotations';
import { strings } from './strings';

/** One notice per page when the Worker has revoked this browser's access: never a silent failure. */
export function AccessNotice({ store }: { store: AnnotationStore }) {
  const [message, setMessage] = useState(store.revokedMessage());
  const [closed, setClosed] = useState(false);
  useEffect(() => store.subscribe(() => setMessage(store.revokedMessage())), [store]);
  if (!message || closed) return null;
  return (
    <div class="notice" role="alert">
      <strong>Community Pulse</strong> {message}
      <button type="button" aria-label={strings.dismiss} onClick={() => setClosed(true)}>
        ×
      </button>
    </div>
  );
}

export const NOTICE_CSS = `
:host { all: initial; }
.notice { position: fixed; right: 16px; bottom: 16px; z-index: 2147483000; max-width: 360px; padding: 10px 36px 10px 12px;
  font: 13px/1.45 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; color: #7c2d12; background: #fff7ed;
  border: 1px solid #fdba74; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.15); }
.notice button { position: absolute; top: 6px; right: 8px; border: 0; background: none; font-size: 16px; cursor: pointer; color: inherit; }
.notice button:focus-visible { outline: 2px solid #1d4ed8; }
`;
