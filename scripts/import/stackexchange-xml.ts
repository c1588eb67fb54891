/**
 * Streaming reader of a Stack Exchange data dump directory (Posts.xml, Users.xml,
 * Votes.xml, Comments.xml, Badges.xml, and PostLinks.xml / Tags.xml when present), as
 * published on archive.org and as in ../shared/data/recsys/stackexchange_*.
 *
 * Each file is one root element holding `<row .../>` elements whose attributes are the
 * columns. The file is read in chunks through saxes: memory holds one chunk and the rows
 * parsed from it, never the whole file. Dates in the dumps are UTC without a zone
 * ("2021-04-27T15:06:44.553"); records carry them as epoch milliseconds.
 *
 * Malformed XML, a missing required column or an unexpected element stops the read with
 * a `StackExchangeXmlError` naming the file, line and column.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { SaxesParser } from 'saxes';
import { SourceFileError } from './source-error';

export interface SePost {
  id: number;
  /** 1 question, 2 answer, 3 orphaned tag wiki, 4 tag wiki excerpt, 5 tag wiki, 6 moderator nomination, 7 wiki placeholder, 8 privilege wiki. */
  postTypeId: number;
  parentId: number | null;
  acceptedAnswerId: number | null;
  creationDate: number;
  score: number;
  viewCount: number | null;
  /** HTML. */
  body: string;
  ownerUserId: number | null;
  ownerDisplayName: string | null;
  lastEditorUserId: number | null;
  lastEditDate: number | null;
  lastActivityDate: number | null;
  title: string | null;
  tags: string[];
  answerCount: number | null;
  commentCount: number | null;
  favoriteCount: number | null;
  closedDate: number | null;
  communityOwnedDate: number | null;
}

export interface SeUser {
  id: number;
  reputation: number;
  creationDate: number;
  displayName: string;
  lastAccessDate: number | null;
  websiteUrl: string | null;
  location: string | null;
  aboutMe: string | null;
  views: number;
  upVotes: number;
  downVotes: number;
  accountId: number | null;
}

export interface SeVote {
  id: number;
  postId: number;
  /** 1 accepted, 2 up, 3 down, 5 favourite, 8 bounty start, 9 bounty close, 10 deletion, ... */
  voteTypeId: number;
  /** Only for favourites and bounties in public dumps. */
  userId: number | null;
  /** Day resolution in public dumps (midnight UTC). */
  creationDate: number;
  bountyAmount: number | null;
}

export interface SeComment {
  id: number;
  postId: number;
  score: number;
  text: string;
  creationDate: number;
  userId: number | null;
  userDisplayName: string | null;
}

export interface SeBadge {
  id: number;
  userId: number;
  name: string;
  date: number;
  /** 1 gold, 2 silver, 3 bronze. */
  class: number;
  tagBased: boolean;
}

export interface SePostLink {
  id: number;
  creationDate: number;
  postId: number;
  relatedPostId: number;
  /** 1 linked, 3 duplicate. */
  linkTypeId: number;
}

export interface SeTag {
  id: number;
  tagName: string;
  count: number;
  excerptPostId: number | null;
  wikiPostId: number | null;
}

export interface SeRecords {
  Posts: SePost;
  Users: SeUser;
  Votes: SeVote;
  Comments: SeComment;
  Badges: SeBadge;
  PostLinks: SePostLink;
  Tags: SeTag;
}
export type SeTable = keyof SeRecords;

/** The files the importer needs, in an order where referenced rows come first. */
export const SE_CORE_TABLES = ['Users', 'Posts', 'Comments', 'Votes', 'Badges'] as const satisfies readonly SeTable[];

const ROOTS: Record<SeTable, string> = {
  Posts: 'posts',
  Users: 'users',
  Votes: 'votes',
  Comments: 'comments',
  Badges: 'badges',
  PostLinks: 'postlinks',
  Tags: 'tags',
};

export class StackExchangeXmlError extends SourceFileError {}

/** Thrown by the column readers; turned into a StackExchangeXmlError with the position. */
class ColumnError extends Error {}

type Attrs = Record<string, string>;

function str(a: Attrs, name: string): string {
  const v = a[name];
  if (v === undefined) throw new ColumnError(`row without ${name}`);
  return v;
}
function optStr(a: Attrs, name: string): string | null {
  return a[name] ?? null;
}
function int(a: Attrs, name: string): number {
  const v = str(a, name);
  const n = Number(v);
  if (!Number.isInteger(n) || v.trim() === '') throw new ColumnError(`${name}="${v}" is not an integer`);
  return n;
}
function optInt(a: Attrs, name: string): number | null {
  return a[name] === undefined ? null : int(a, name);
}
function date(a: Attrs, name: string): number {
  const v = str(a, name);
  const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) ? v : `${v}Z`);
  if (!Number.isFinite(t)) throw new ColumnError(`${name}="${v}" is not a date`);
  return t;
}
function optDate(a: Attrs, name: string): number | null {
  return a[name] === undefined ? null : date(a, name);
}
function bool(a: Attrs, name: string): boolean {
  const v = str(a, name).toLowerCase();
  if (v !== 'true' && v !== 'false') throw new ColumnError(`${name}="${v}" is not True or False`);
  return v === 'true';
}

/** "<a><b-c>" (older dumps) or "|a|b-c|" (newer ones) -> ["a", "b-c"]. */
export function parseTags(raw: string | null): string[] {
  if (!raw) return [];
  const angle = [...raw.matchAll(/<([^<>]+)>/g)].map((m) => m[1]!);
  return angle.length > 0 ? angle : raw.split('|').filter((t) => t.length > 0);
}

const CONVERT: { [T in SeTable]: (a: Attrs) => SeRecords[T] } = {
  Posts: (a) => ({
    id: int(a, 'Id'),
    postTypeId: int(a, 'PostTypeId'),
    parentId: optInt(a, 'ParentId'),
    acceptedAnswerId: optInt(a, 'AcceptedAnswerId'),
    creationDate: date(a, 'CreationDate'),
    score: optInt(a, 'Score') ?? 0,
    viewCount: optInt(a, 'ViewCount'),
    body: optStr(a, 'Body') ?? '',
    ownerUserId: optInt(a, 'OwnerUserId'),
    ownerDisplayName: optStr(a, 'OwnerDisplayName'),
    lastEditorUserId: optInt(a, 'LastEditorUserId'),
    lastEditDate: optDate(a, 'LastEditDate'),
    lastActivityDate: optDate(a, 'LastActivityDate'),
    title: optStr(a, 'Title'),
    tags: parseTags(optStr(a, 'Tags')),
    answerCount: optInt(a, 'AnswerCount'),
    commentCount: optInt(a, 'CommentCount'),
    favoriteCount: optInt(a, 'FavoriteCount'),
    closedDate: optDate(a, 'ClosedDate'),
    communityOwnedDate: optDate(a, 'CommunityOwnedDate'),
  }),
  Users: (a) => ({
    id: int(a, 'Id'),
    reputation: optInt(a, 'Reputation') ?? 0,
    creationDate: date(a, 'CreationDate'),
    displayName: optStr(a, 'DisplayName') ?? '',
    lastAccessDate: optDate(a, 'LastAccessDate'),
    websiteUrl: optStr(a, 'WebsiteUrl'),
    location: optStr(a, 'Location'),
    aboutMe: optStr(a, 'AboutMe'),
    views: optInt(a, 'Views') ?? 0,
    upVotes: optInt(a, 'UpVotes') ?? 0,
    downVotes: optInt(a, 'DownVotes') ?? 0,
    accountId: optInt(a, 'AccountId'),
  }),
  Votes: (a) => ({
    id: int(a, 'Id'),
    postId: int(a, 'PostId'),
    voteTypeId: int(a, 'VoteTypeId'),
    userId: optInt(a, 'UserId'),
    creationDate: date(a, 'CreationDate'),
    bountyAmount: optInt(a, 'BountyAmount'),
  }),
  Comments: (a) => ({
    id: int(a, 'Id'),
    postId: int(a, 'PostId'),
    score: optInt(a, 'Score') ?? 0,
    text: optStr(a, 'Text') ?? '',
    creationDate: date(a, 'CreationDate'),
    userId: optInt(a, 'UserId'),
    userDisplayName: optStr(a, 'UserDisplayName'),
  }),
  Badges: (a) => ({
    id: int(a, 'Id'),
    userId: int(a, 'UserId'),
    name: str(a, 'Name'),
    date: date(a, 'Date'),
    class: int(a, 'Class'),
    tagBased: a.TagBased === undefined ? false : bool(a, 'TagBased'),
  }),
  PostLinks: (a) => ({
    id: int(a, 'Id'),
    creationDate: date(a, 'CreationDate'),
    postId: int(a, 'PostId'),
    relatedPostId: int(a, 'RelatedPostId'),
    linkTypeId: int(a, 'LinkTypeId'),
  }),
  Tags: (a) => ({
    id: int(a, 'Id'),
    tagName: str(a, 'TagName'),
    count: optInt(a, 'Count') ?? 0,
    excerptPostId: optInt(a, 'ExcerptPostId'),
    wikiPostId: optInt(a, 'WikiPostId'),
  }),
};

export interface Progress {
  file: string;
  bytesRead: number;
  totalBytes: number;
}

export interface ReadOptions {
  /** Called after each chunk with the bytes read so far of this file and its size. */
  onProgress?: (p: Progress) => void;
  /** Bytes per read (default 64 KiB). */
  chunkSize?: number;
  signal?: AbortSignal;
}

/**
 * Rows of one dump file, in file order. `table` says which converter and which root
 * element to expect ("Posts" -> <posts>).
 */
export async function* readStackExchangeFile<T extends SeTable>(
  path: string,
  table: T,
  options: ReadOptions = {},
): AsyncGenerator<SeRecords[T]> {
  const file = basename(path);
  const totalBytes = (await stat(path)).size;
  const parser = new SaxesParser({ fileName: file, position: true });
  const convert = CONVERT[table] as (a: Attrs) => SeRecords[T];
  const pending: SeRecords[T][] = [];
  let depth = 0;
  let failure: StackExchangeXmlError | null = null;
  const fail = (detail: string) => {
    failure ??= new StackExchangeXmlError(file, parser.line, parser.column, detail);
  };

  parser.on('error', (err) => {
    // saxes prefixes "file:line:col: "; keep only the reason.
    fail(err.message.replace(/^[^:]*:\d+:\d+: /, ''));
  });
  parser.on('opentag', (tag) => {
    depth++;
    if (failure) return;
    if (depth === 1) {
      if (tag.name !== ROOTS[table]) fail(`expected <${ROOTS[table]}> as the root element, found <${tag.name}>`);
    } else if (depth === 2 && tag.name === 'row') {
      try {
        pending.push(convert(tag.attributes as Attrs));
      } catch (e) {
        if (!(e instanceof ColumnError)) throw e;
        fail(e.message);
      }
    } else {
      fail(`unexpected <${tag.name}> ${depth === 2 ? 'instead of <row>' : 'inside <row>'}`);
    }
  });
  parser.on('closetag', () => {
    depth--;
  });

  const decoder = new TextDecoder('utf-8', { fatal: true });
  const stream = createReadStream(path, { highWaterMark: options.chunkSize ?? 65_536 });
  let bytesRead = 0;
  const feed = (text: string) => {
    try {
      parser.write(text);
    } catch (e) {
      fail((e as Error).message.replace(/^[^:]*:\d+:\d+: /, ''));
    }
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      options.signal?.throwIfAborted();
      bytesRead += chunk.length;
      let text: string;
      try {
        text = decoder.decode(chunk, { stream: true });
      } catch {
        fail('invalid UTF-8');
        text = '';
      }
      if (!failure) feed(text);
      if (failure) throw failure;
      options.onProgress?.({ file, bytesRead, totalBytes });
      yield* pending.splice(0, pending.length);
    }
    try {
      feed(decoder.decode());
    } catch {
      fail('invalid UTF-8 at the end of the file');
    }
    if (!failure) {
      try {
        parser.close();
      } catch (e) {
        fail((e as Error).message.replace(/^[^:]*:\d+:\d+: /, ''));
      }
    }
    if (!failure && depth !== 0) fail('the file ends inside an element');
    if (failure) throw failure;
    yield* pending.splice(0, pending.length);
  } finally {
    stream.destroy();
  }
}

export type SeRow = { [T in SeTable]: { table: T; record: SeRecords[T] } }[SeTable];

export interface DumpProgress extends Progress {
  /** Bytes read over every file of the dump so far, and their total. */
  dumpBytesRead: number;
  dumpTotalBytes: number;
}

/**
 * Every row of the dump, file by file in `tables` order (default: Users, Posts, Comments,
 * Votes, Badges). A missing file is an error naming it.
 */
export async function* readStackExchangeDump(
  dir: string,
  options: Omit<ReadOptions, 'onProgress'> & { tables?: readonly SeTable[]; onProgress?: (p: DumpProgress) => void } = {},
): AsyncGenerator<SeRow> {
  const tables = options.tables ?? SE_CORE_TABLES;
  // Settled in `tables` order, so the error names the first missing file, whichever stat fails first.
  const stats = await Promise.allSettled(tables.map((t) => stat(join(dir, `${t}.xml`))));
  const sizes = stats.map((r, i) => {
    if (r.status === 'fulfilled') return r.value.size;
    throw new Error(`${join(dir, `${tables[i]}.xml`)}: missing (a Stack Exchange dump directory holds ${tables.map((x) => `${x}.xml`).join(', ')})`);
  });
  const dumpTotalBytes = sizes.reduce((s, n) => s + n, 0);
  let before = 0;
  for (const [i, table] of tables.entries()) {
    const onProgress = options.onProgress;
    const rows = readStackExchangeFile(join(dir, `${table}.xml`), table, {
      ...options,
      onProgress: onProgress && ((p) => onProgress({ ...p, dumpBytesRead: before + p.bytesRead, dumpTotalBytes })),
    });
    for await (const record of rows) yield { table, record } as SeRow;
    before += sizes[i]!;
  }
}
