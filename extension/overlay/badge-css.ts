/** Styles of the badge, inside its shadow root: nothing leaks in from the forum or out to it. */
export const BADGE_CSS = `
:host { display: inline-block !important; margin-left: 6px; vertical-align: middle; position: relative; }
.wrap { position: relative; display: inline-block; font: 12px/1.4 system-ui, "Noto Sans CJK SC", "WenQuanYi Zen Hei", sans-serif; }
.badge { display: inline-block; padding: 1px 7px; border-radius: 999px; border: 1px solid currentColor; cursor: default; white-space: nowrap; }
.badge:focus-visible { outline: 2px solid #1d4ed8; outline-offset: 1px; }
.badge--newcomer { color: #374151; background: #f3f4f6; }
.badge--regular { color: #1e40af; background: #dbeafe; }
.badge--core { color: #065f46; background: #d1fae5; font-weight: 600; }
.badge--at_risk { color: #92400e; background: #fef3c7; }
.badge--lapsed { color: #4b5563; background: #e5e7eb; font-style: italic; }
.badge--loading, .badge--error { color: #6b7280; background: #f9fafb; }
.trend { font-weight: 600; }
.churn { margin-top: 6px; padding-top: 6px; border-top: 1px solid #e5e7eb; }
.churn ul { margin: 2px 0 0; padding-left: 16px; }
.card { position: absolute; z-index: 2147483000; top: 120%; left: 0; min-width: 230px; padding: 8px 10px; background: #fff; color: #111827;
  border: 1px solid #d1d5db; border-radius: 6px; box-shadow: 0 4px 14px rgba(0,0,0,.15); white-space: normal; }
.card table { border-collapse: collapse; margin: 4px 0; width: 100%; }
.card th { text-align: left; font-weight: normal; padding-right: 8px; }
.card td { text-align: right; padding-left: 6px; }
.card small { color: #4b5563; }
`;
