import { absoluteUrl, countOf, textOf } from '../dom-text';
import type { PostElements, PostRecord } from '../types';

/** A post read from the DOM, with the elements to anchor UI to. */
export interface DomPost {
  post: PostRecord;
  elements: PostElements;
}

/**
 * Left out of a comment's text: copy buttons and toolbars inside code blocks, the file/line
 * header of an embedded code permalink, and
 * blockquotes. GitHub has no separate markup for quoting another comment: "Quote reply"
 * writes a Markdown `>` quote, so a blockquote is (almost always) someone else's words.
 */
export const BODY_SKIP =
  'blockquote, .zeroclipboard-container, clipboard-copy, [role="toolbar"], tool-tip, .email-hidden-toggle, .email-hidden-reply, .email-quoted-reply, .Box--condensed > .Box-header';

export function bodyText(el: Element | null | undefined): string {
  return textOf(el, BODY_SKIP);
}

/** A GitHub login from a profile link: "/octocat", "https://github.com/octocat", "/users/octocat/hovercard". */
export function loginFromHref(href: string | null | undefined, base: URL): string | null {
  if (!href) return null;
  try {
    const u = new URL(href, base);
    const parts = u.pathname.split('/').filter(Boolean);
    if (parts[0] === 'users' && parts[1]) return decodeURIComponent(parts[1]);
    if (parts[0] === 'apps' && parts[1]) return `${decodeURIComponent(parts[1])}[bot]`;
    return parts.length === 1 ? decodeURIComponent(parts[0]!) : null;
  } catch {
    return null;
  }
}

export function profileUrl(href: string | null | undefined, base: URL): string | null {
  return absoluteUrl(href, base);
}

const THUMBS_UP = /👍|thumbs[ _-]?up|^\+1\b/i;

function isThumbsUp(button: Element): boolean {
  if (button.querySelector('g-emoji[alias="+1"], g-emoji[alias="thumbsup"]')) return true;
  const value = button.getAttribute('value') ?? '';
  if (/^THUMBS_UP\b/.test(value)) return true;
  if (button.getAttribute('data-reaction-content') === '+1') return true;
  return THUMBS_UP.test(textOf(button)) || THUMBS_UP.test(button.getAttribute('aria-label') ?? '');
}

/** Number shown on a reaction button (the text without the emoji, else its aria-label). */
function reactionCount(button: Element): number | null {
  const spans = [...button.querySelectorAll('span')].map((s) => textOf(s)).filter((t) => /^\d[\d,.]*[kK]?$/.test(t));
  if (spans.length > 0) return countOf(spans[spans.length - 1]);
  const text = textOf(button).replace(/\p{Extended_Pictographic}|\uFE0F/gu, '');
  return countOf(text) ?? countOf(button.getAttribute('aria-label'));
}

/**
 * 👍 count from a reaction bar (legacy `.js-comment-reactions-options`, React
 * `[role=toolbar][aria-label=Reactions]`): 0 when the bar is there without a 👍,
 * null when there is no bar. The "add reaction" menu (all emoji, no counts) is ignored.
 */
export function thumbsUp(bar: Element | null | undefined): number | null {
  if (!bar) return null;
  for (const button of bar.querySelectorAll('button')) {
    if (button.closest('details-menu, [role="menu"], .js-add-reaction-popover') || button.getAttribute('role') === 'menuitem') continue;
    if (isThumbsUp(button)) return reactionCount(button) ?? 0;
  }
  return 0;
}

/** ISO string of a `relative-time[datetime]` (always UTC "Z" on GitHub). */
export function timeOf(el: Element | null | undefined): string | null {
  const v = el?.getAttribute('datetime');
  if (!v) return null;
  const t = Date.parse(v);
  return Number.isFinite(t) && /^\d{4}-\d{2}-\d{2}T/.test(v) ? new Date(t).toISOString() : null;
}
