/** Styles of the sentiment chip (inside the badge's shadow root). Colour is never the only signal: each label has its own mark and word. */
export const SENTIMENT_CSS = `
.senti { position: relative; display: inline-flex; gap: 4px; align-items: center; margin-left: 4px; font: 12px/1.4 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; }
.chip { display: inline-block; padding: 1px 7px; border-radius: 999px; border: 1px solid currentColor; white-space: nowrap; cursor: default; }
.chip:focus-visible, .senti button:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
.chip--positive { color: #065f46; background: #d1fae5; }
.chip--neutral { color: #374151; background: #f3f4f6; }
.chip--negative { color: #9f1239; background: #ffe4e6; }
.chip--uncertain { border-style: dashed; background: #fff; }
.senti button { font: inherit; padding: 1px 7px; border-radius: 999px; border: 1px solid #d1d5db; background: #fff; color: #111827; cursor: pointer; }
.tox { color: #92400e; border-color: #b45309; background: #fef3c7; font-weight: 600; }
.pop { position: absolute; z-index: 2147483000; top: 120%; left: 0; min-width: 220px; padding: 8px 10px; background: #fff; color: #111827;
  border: 1px solid #d1d5db; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.15); white-space: normal; }
.pop ul { margin: 4px 0; padding-left: 16px; }
.pop fieldset { border: 0; margin: 4px 0; padding: 0; }
.pop legend { font-weight: 600; padding: 0; }
.pop label { display: block; }
.pop .actions { display: flex; gap: 6px; margin-top: 6px; }
.pop small { color: #4b5563; }
`;
