import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStackExchange, stackExchangeProblem } from './stackexchange';
import { parseDumpDate, parseTags } from './stackexchange-xml';

const xml = (root: string, rows: string[]) => `\uFEFF<?xml version="1.0" encoding="utf-8"?>\n<${root}>\n${rows.map((r) => `  <row ${r} />`).join('\n')}\n</${root}>\n`;
const day = (d: number) => `2021-05-${String(d).padStart(2, '0')}T12:00:00.000`;

function dump(): string {
  const dir = mkdtempSync(join(tmpdir(), 'se-'));
  writeFileSync(
    join(dir, 'Posts.xml'),
    xml('posts', [
      `Id="1" PostTypeId="1" CreationDate="${day(1)}" OwnerUserId="10" Title="Staking pools" Body="&lt;p&gt;How do &lt;b&gt;pools&lt;/b&gt; work?&lt;/p&gt;" Tags="&lt;staking&gt;&lt;pools&gt;"`,
      `Id="2" PostTypeId="2" ParentId="1" CreationDate="${day(2)}" OwnerUserId="20" Body="x"`,
      `Id="3" PostTypeId="1" CreationDate="${day(3)}" OwnerUserId="30" Title="Plutus scripts" Body="b" Tags="|plutus|"`,
      `Id="4" PostTypeId="1" CreationDate="${day(12)}" OwnerUserId="20" Title="Own question after the cut" Body="b" Tags="&lt;plutus&gt;"`,
      `Id="5" PostTypeId="2" ParentId="3" CreationDate="${day(13)}" OwnerUserId="20" Body="x"`,
      `Id="6" PostTypeId="1" CreationDate="${day(14)}" OwnerUserId="30" Title="New question" Body="b" Tags="&lt;staking&gt;"`,
    ]),
  );
  writeFileSync(
    join(dir, 'Comments.xml'),
    xml('comments', [
      `Id="1" PostId="2" UserId="10" CreationDate="${day(2)}" Text="thanks"`,
      `Id="2" PostId="4" UserId="20" CreationDate="${day(12)}" Text="on my own question"`,
      `Id="3" PostId="6" UserId="20" CreationDate="${day(15)}" Text="a comment on a new question"`,
      `Id="4" PostId="1" UserId="20" CreationDate="${day(16)}" Text="touched before the cut"`,
      `Id="5" PostId="6" UserId="99" CreationDate="${day(15)}" Text="no history before the cut"`,
    ]),
  );
  writeFileSync(
    join(dir, 'Votes.xml'),
    xml('votes', [
      `Id="1" PostId="2" VoteTypeId="2" CreationDate="${day(2)}"`,
      `Id="2" PostId="3" VoteTypeId="5" UserId="10" CreationDate="${day(4)}"`,
      `Id="3" PostId="1" VoteTypeId="2" CreationDate="${day(20)}"`,
    ]),
  );
  return dir;
}

describe('Stack Exchange dumps', () => {
  it('parses tags in both dump formats and dates as UTC', () => {
    expect(parseTags('<a><b-c>')).toEqual(['a', 'b-c']);
    expect(parseTags('|a|b-c|')).toEqual(['a', 'b-c']);
    expect(parseDumpDate('2021-04-27T15:06:44.553')).toBe(Date.UTC(2021, 3, 27, 15, 6, 44, 553));
  });

  it('streams posts, comments and votes into threads and interactions', async () => {
    const d = await readStackExchange(dump());
    expect(d.questions.map((q) => q.id)).toEqual(['1', '3', '4', '6']);
    expect(d.questions[0]).toMatchObject({ title: 'Staking pools', excerpt: 'How do pools work?', tags: ['staking', 'pools'], author: '10' });
    const kinds = d.events.map((e) => `${e.user}:${e.item}:${e.kind}`);
    expect(kinds).toContain('20:1:reply'); // answer 2 belongs to question 1
    expect(kinds).toContain('10:1:reply'); // comment on answer 2 is on thread 1
    expect(kinds).toContain('10:3:like'); // favourite
    expect(d.upvoteTimes.get('1')).toHaveLength(2);
  });

  it('replays each first answer or comment after the cut, with only what existed then', async () => {
    const d = await readStackExchange(dump());
    const cut = Date.UTC(2021, 4, 10);
    const p = stackExchangeProblem(d, cut, Infinity, 'replay', 't');
    expect(p.train.every((e) => e.ts < cut)).toBe(true);
    // Member 20 (active before the cut): answers 3 on day 13, comments on new question 6 on
    // day 15. Not counted: their own question 4, thread 1 they touched before the cut, and
    // member 99 who had no activity before it.
    expect(p.cases.map((c) => [c.user, [...c.relevant], c.now])).toEqual([
      ['20', ['3'], Date.UTC(2021, 4, 13, 12)],
      ['20', ['6'], Date.UTC(2021, 4, 15, 12)],
    ]);
    const q1 = p.catalogue.find((c) => c.id === '1')!;
    expect(q1).toMatchObject({ replies: 1, likes: 1 }); // the day-20 up-vote is after the cut

    const m = stackExchangeProblem(d, cut, Infinity, 'members', 't');
    expect(m.catalogue.map((c) => c.id)).toEqual(['1', '3']);
    expect(m.cases).toEqual([{ user: '20', relevant: new Set(['3']) }]);
  });
});
