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
  /** The submitted link on link aggregators (HN, Reddit, Lobsters); `url` stays the discussion. */
  linkUrl: string | null;
}

export interface PostRecord {
  /** Stable id: the forum's post id, or `<thread>-<number>` where the page shows no id. */
  id: string;
  /** 1-based position in the thread (1 = opening post), where the engine numbers posts. */
  number: number | null;
  /**
   * Username: the handle, not the display name. Engines without handles (Stack Exchange)
   * give the display name here and the stable identity in `authorUrl`.
   */
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

/**
 * - `opening`: the thread's first post (a topic, a question, a link submission, an issue);
 * - `reply`: a post in the discussion, flat or nested (forum replies, HN/Reddit/Lobsters comments);
 * - `answer`: an answer on a Q&A page (Stack Exchange, GitHub Q&A discussions);
 * - `comment`: a remark attached to the opening post or an answer on a Q&A page.
 */
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
  /**
   * Where the engagement badge goes: it is appended as this element's last child. Not a
   * link (the badge would become part of it): the element around or after the name.
   */
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
