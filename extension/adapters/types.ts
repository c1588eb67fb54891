/**
 * The contract every site adapter fulfils: a pure function of a Document (and its URL)
 * returning plain records the rest of the extension reads. Overlay code never touches
 * the forum's markup; it receives these records and the elements to anchor UI to.
 */

export type { Engine } from '../../shared/schemas/common';
import type { Engine } from '../../shared/schemas/common';
export type PageKind = 'thread' | 'listing' | 'profile' | 'other';

export interface ThreadRecord {
  /** The forum's own thread id. */
  id: string;
  title: string | null;
  url: string | null;
  category: string | null;
  tags: string[];
  /** Username of the opening post's author. */
  author: string | null;
  /** ISO-8601. */
  createdAt: string | null;
  replyCount: number | null;
  likeCount: number | null;
  viewCount: number | null;
  /** Net votes or points, where the engine shows them (HN points, Reddit score, SE votes). */
  score: number | null;
}

export interface PostRecord {
  /** Stable id: the forum's post id, or `<thread>-<number>` where the page shows no id. */
  id: string;
  /** 1-based position in the thread (1 = opening post), where the engine numbers posts. */
  number: number | null;
  /** Username (the handle, not the display name). */
  author: string | null;
  /** Display name where the page shows one besides the username. */
  authorName: string | null;
  authorUrl: string | null;
  /** ISO-8601. */
  createdAt: string | null;
  /** Plain text of the post, quotes of other posts left out. */
  text: string;
  likeCount: number | null;
  /** Net votes or points, where the engine shows them instead of (or besides) likes. */
  score: number | null;
  /** Post number this one replies to, where the engine says so. */
  replyToNumber: number | null;
  /** Username this one replies to, where the page shows it. */
  replyToUser: string | null;
  /** Id of the post this one answers, for engines that nest replies (HN, Reddit, SE comments). */
  parentId: string | null;
  /** Nesting depth: 0 = top level (the opening post or a direct reply), 1 = reply to that, ... */
  depth: number | null;
  /** What the post is in its thread. */
  role: PostRole;
  /** True for an accepted answer / solution, false where the engine could mark one but did not, null where it has none. */
  isAccepted: boolean | null;
}

export type PostRole = 'opening' | 'reply' | 'answer' | 'comment';

export interface UserRecord {
  /** Signed-in username. */
  username: string;
}

export interface PageRecord {
  engine: Engine;
  kind: PageKind;
  thread: ThreadRecord | null;
  posts: PostRecord[];
  /** Threads listed on a listing page (front page, category, subreddit); empty elsewhere. */
  listing: ThreadRecord[];
  /** The signed-in user, where the page shows one. */
  user: UserRecord | null;
  /** What the adapter could not read; empty on a clean read. */
  problems: string[];
}

/** Where in the page a post's overlay UI goes. */
export interface PostElements {
  /** The post's root element (for visibility tracking). */
  post: Element;
  /** The element holding the author's name; the engagement badge goes at its end. */
  author: Element | null;
}

/** Elements of a listed thread (listing pages). */
export interface ListingElements {
  row: Element;
  title: Element | null;
}

export interface AdapterResult {
  page: PageRecord;
  /** Post id -> elements, for posts rendered in the DOM. */
  elements: Map<string, PostElements>;
  /** Listed thread id -> elements (listing pages). */
  listingElements?: Map<string, ListingElements>;
}

export interface SiteAdapter {
  engine: Engine;
  /** Cheap check: is this page served by the adapter's engine? Never throws. */
  detect(doc: Document, url: URL): boolean;
  /** Reads the page. Never throws: what it cannot read goes to `page.problems`. */
  read(doc: Document, url: URL): AdapterResult;
}
