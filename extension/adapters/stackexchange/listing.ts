import { absoluteUrl, countOf, textOf } from '../dom-text';
import { thread as threadRecord } from '../records';
import type { ListingElements, ThreadRecord } from '../types';
import { seDate } from './dates';

/**
 * Question lists (/questions, /questions/tagged/…, the home page). No saved list page
 * exists in ../shared/data; the markup below follows the public scrapers that read it
 * (`.question-summary` with `.question-hyperlink` / `.vote-count-post` up to about 2021,
 * `.s-post-summary[data-post-id]` with `.s-post-summary--stats-item-number` since) and is
 * read defensively: any field may be missing.
 */
export interface ListedQuestion {
  thread: ThreadRecord;
  elements: ListingElements;
}

const ROW = '.s-post-summary[data-post-id], .question-summary[id^="question-summary-"]';

/** Signed count of a stats item ("-2", "1.2k") whose label matches, or of the legacy element. */
function statNumber(row: Element, pattern: RegExp, legacy: string): number | null {
  const signed = (text: string, label = text): number | null => {
    const n = countOf(text || label);
    return n === null ? null : /^\s*[-\u2212]/.test(text) ? -n : n;
  };
  for (const item of row.querySelectorAll('.s-post-summary--stats-item')) {
    const label = `${item.getAttribute('title') ?? ''} ${textOf(item)}`;
    if (pattern.test(label)) return signed(textOf(item.querySelector('.s-post-summary--stats-item-number')), label);
  }
  const old = row.querySelector(legacy);
  return old ? signed(textOf(old), old.getAttribute('title') ?? '') : null;
}

export function readQuestionList(doc: Document, base: URL): ListedQuestion[] {
  const out: ListedQuestion[] = [];
  const seen = new Set<string>();
  for (const row of doc.querySelectorAll(ROW)) {
    const id = row.getAttribute('data-post-id') ?? /^question-summary-(\d+)$/.exec(row.id)?.[1] ?? '';
    if (!/^\d+$/.test(id) || seen.has(id)) continue;
    seen.add(id);
    const link = row.querySelector('.s-post-summary--content-title a, a.question-hyperlink, h3 a[href*="/questions/"]');
    const user = row.querySelector('.s-user-card--link a[href*="/users/"], .user-details a[href*="/users/"]');
    const asked = row.querySelector('.s-user-card--time .relativetime[title], .user-action-time .relativetime[title], .relativetime[title]');
    out.push({
      thread: threadRecord(id, {
        title: textOf(link) || null,
        url: absoluteUrl(link?.getAttribute('href'), base),
        tags: [...row.querySelectorAll('.post-tag')].map((t) => textOf(t)).filter(Boolean),
        author: textOf(user) || null,
        createdAt: seDate(asked?.getAttribute('title')),
        replyCount: statNumber(row, /\banswers?\b/i, '.status strong'),
        viewCount: statNumber(row, /\bviews?\b/i, '.views'),
        score: statNumber(row, /\b(score|votes?)\b/i, '.vote-count-post'),
      }),
      elements: { row, title: link ?? null },
    });
  }
  return out;
}
