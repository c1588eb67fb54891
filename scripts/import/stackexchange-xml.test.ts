import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type DumpProgress,
  parseTags,
  readStackExchangeDump,
  readStackExchangeFile,
  type SeTable,
  StackExchangeXmlError,
} from './stackexchange-xml';

const DATA = join(import.meta.dirname, '../../../shared/data/recsys');

/**
 * Row counts of the real dumps, counted by hand with
 *   grep -c '<row' ../shared/data/recsys/stackexchange_<site>/<File>.xml
 * (every row of these dumps sits on its own line).
 */
const EXPECTED: Record<string, Record<SeTable, number>> = {
  stackexchange_cardano: { Users: 3988, Posts: 2630, Comments: 1829, Votes: 9147, Badges: 4467, PostLinks: 104, Tags: 224 },
  stackexchange_conlang: { Users: 272, Posts: 177, Comments: 230, Votes: 1119, Badges: 612, PostLinks: 20, Tags: 71 },
};

describe('readStackExchangeDump on the real dumps', () => {
  for (const [site, expected] of Object.entries(EXPECTED)) {
    it(`reads every row of ${site}`, async () => {
      const counts: Record<string, number> = {};
      let last: DumpProgress | null = null;
      const tables = Object.keys(expected) as SeTable[];
      for await (const row of readStackExchangeDump(join(DATA, site), { tables, onProgress: (p) => (last = p) })) {
        counts[row.table] = (counts[row.table] ?? 0) + 1;
      }
      expect(counts).toEqual(expected);
      expect(last!.dumpBytesRead).toBe(last!.dumpTotalBytes);
    });
  }

  it('types the columns of the first rows as the XML has them', async () => {
    const dir = join(DATA, 'stackexchange_cardano');
    const posts = readStackExchangeFile(join(dir, 'Posts.xml'), 'Posts');
    const first = (await posts.next()).value!;
    await posts.return(undefined);
    // <row Id="1" PostTypeId="1" AcceptedAnswerId="12" CreationDate="2021-04-27T15:06:44.553" Score="36"
    //  ViewCount="918" ... OwnerUserId="17" LastEditorUserId="149" ... Tags="&lt;proof-of-work&gt;&lt;governance&gt;&lt;ethereum&gt;" AnswerCount="2" CommentCount="2"
    expect(first).toMatchObject({
      id: 1,
      postTypeId: 1,
      acceptedAnswerId: 12,
      parentId: null,
      creationDate: Date.parse('2021-04-27T15:06:44.553Z'),
      score: 36,
      viewCount: 918,
      ownerUserId: 17,
      lastEditorUserId: 149,
      title: 'How Cardano is different from Ethereum (2.0)?',
      tags: ['proof-of-work', 'governance', 'ethereum'],
      answerCount: 2,
      commentCount: 2,
    });
    expect(first.body).toMatch(/^<p>As far as I know, the Cardano project/);
    const users = readStackExchangeFile(join(dir, 'Users.xml'), 'Users');
    const community = (await users.next()).value!;
    await users.return(undefined);
    expect(community).toMatchObject({ id: -1, displayName: 'Community', reputation: 1 });
    const votes = readStackExchangeFile(join(dir, 'Votes.xml'), 'Votes');
    expect((await votes.next()).value).toEqual({ id: 1, postId: 1, voteTypeId: 2, userId: null, creationDate: Date.parse('2021-04-27T00:00:00Z'), bountyAmount: null });
    await votes.return(undefined);
  });

  it('streams: the first row arrives long before the file is read', async () => {
    const path = join(DATA, 'stackexchange_cardano', 'Posts.xml');
    let read = 0;
    let total = 0;
    const rows = readStackExchangeFile(path, 'Posts', { chunkSize: 16_384, onProgress: (p) => ((read = p.bytesRead), (total = p.totalBytes)) });
    await rows.next();
    await rows.return(undefined);
    expect(read).toBe(16_384);
    expect(total).toBeGreaterThan(3_000_000);
  });
});

describe('readStackExchangeFile on malformed files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'se-xml-'));
  const write = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };
  const drain = async (path: string, table: SeTable) => {
    const out = [];
    for await (const r of readStackExchangeFile(path, table)) out.push(r);
    return out;
  };
  const head = '\uFEFF<?xml version="1.0" encoding="utf-8"?>\n';

  it('names the file and the line of broken XML', async () => {
    const path = write('Posts.xml', `${head}<posts>\n  <row Id="1" PostTypeId="1" CreationDate="2021-01-01T00:00:00.000" />\n  <row Id="2 PostTypeId="1" />\n</posts>\n`);
    const err = await drain(path, 'Posts').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StackExchangeXmlError);
    expect(err).toMatchObject({ file: 'Posts.xml', line: 4 });
    expect((err as Error).message).toMatch(/^Posts\.xml:4:\d+: /);
  });

  it('names the file and line of a row missing a required column or with a bad value', async () => {
    const path = write('Votes.xml', `${head}<votes>\n  <row Id="1" PostId="1" VoteTypeId="2" CreationDate="2021-01-01T00:00:00.000" />\n  <row Id="2" VoteTypeId="2" CreationDate="2021-01-01T00:00:00.000" />\n</votes>\n`);
    await expect(drain(path, 'Votes')).rejects.toThrow(/^Votes\.xml:4:\d+: row without PostId$/);
    const bad = write('Badges.xml', `${head}<badges>\n<row Id="1" UserId="x" Name="n" Date="2021-01-01T00:00:00" Class="3" />\n</badges>`);
    await expect(drain(bad, 'Badges')).rejects.toThrow(/^Badges\.xml:3:\d+: UserId="x" is not an integer$/);
  });

  it('rejects a truncated file, a wrong root and unexpected elements', async () => {
    const cut = write('Comments.xml', `${head}<comments>\n  <row Id="1" PostId="1" CreationDate="2021-01-01T00:00:00" />\n`);
    await expect(drain(cut, 'Comments')).rejects.toThrow(/^Comments\.xml:\d+:\d+: .*unclosed/);
    const root = write('Users.xml', `${head}<posts>\n</posts>\n`);
    await expect(drain(root, 'Users')).rejects.toThrow('Users.xml:2:7: expected <users> as the root element, found <posts>');
    const nested = write('Tags.xml', `${head}<tags>\n<tag Id="1" />\n</tags>`);
    await expect(drain(nested, 'Tags')).rejects.toThrow(/^Tags\.xml:3:\d+: unexpected <tag> instead of <row>$/);
  });

  it('says which file of a dump is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'se-empty-'));
    await expect(async () => {
      for await (const _ of readStackExchangeDump(empty, { tables: ['Users'] })) void _;
    }).rejects.toThrow(/Users\.xml: missing/);
  });

  it('parses both tag notations', () => {
    expect(parseTags('<a><b-c>')).toEqual(['a', 'b-c']);
    expect(parseTags('|a|b-c|')).toEqual(['a', 'b-c']);
    expect(parseTags(null)).toEqual([]);
  });
});
