import { describe, expect, it } from 'vitest';
import { buildContentIndex, vectorise } from './content-index';
import { buildContentNeighbours } from './content-neighbours';
import { cosine, norm } from './sparse-vector';
import type { CatalogueItem } from './types';

const item = (id: string, title: string, tags: string[] = [], excerpt?: string): CatalogueItem => ({
  id,
  title,
  tags,
  createdAt: 0,
  ...(excerpt ? { excerpt } : {}),
});

const catalogue = [
  item('zh-sql-1', 'SQL 窗口函数入门：ROW_NUMBER 和 RANK', ['sql']),
  item('zh-sql-2', '窗口函数进阶：分区与排序', ['sql']),
  item('zh-bread', '周末烘焙：如何做出松软的面包', ['baking']),
  item('en-sql', 'Window functions in SQL: a study group', ['sql'], 'We practise ROW_NUMBER, RANK and LAG.'),
  item('en-bread', 'Sourdough bread for beginners', ['baking'], 'Starter, flour, water and patience.'),
];

describe('buildContentIndex', () => {
  const index = buildContentIndex(catalogue);
  const v = (id: string) => index.vectors.get(id)!;

  it('makes unit vectors', () => {
    for (const vec of index.vectors.values()) expect(norm(vec)).toBeCloseTo(1, 10);
  });

  it('finds Chinese titles on the same subject closer than unrelated ones', () => {
    expect(cosine(v('zh-sql-1'), v('zh-sql-2'))).toBeGreaterThan(cosine(v('zh-sql-1'), v('zh-bread')) + 0.1);
  });

  it('finds English texts on the same subject closer than unrelated ones', () => {
    expect(cosine(v('en-sql'), v('zh-sql-1'))).toBeGreaterThan(cosine(v('en-sql'), v('en-bread')));
    expect(cosine(v('en-bread'), v('zh-bread'))).toBeGreaterThan(cosine(v('en-bread'), v('zh-sql-2')));
  });

  it('vectorises a thread added later on the same scale', () => {
    expect(vectorise(index, catalogue[1]!)).toEqual(v('zh-sql-2'));
    const fresh = vectorise(index, item('new', '窗口函数的性能问题', ['sql']));
    expect(cosine(fresh, v('zh-sql-2'))).toBeGreaterThan(cosine(fresh, v('zh-bread')));
  });

  it('lists content neighbours, best first, never the thread itself', () => {
    const n = buildContentNeighbours(index, 2);
    expect(n.get('zh-sql-2')![0]!.item).toBe('zh-sql-1');
    for (const [id, list] of n) {
      expect(list.some((e) => e.item === id)).toBe(false);
      expect(list.map((e) => e.score)).toEqual([...list.map((e) => e.score)].sort((a, b) => b - a));
    }
  });
});
