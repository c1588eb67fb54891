import type { CatalogueItem, Interaction } from '../../shared/recommender/types';
import { seededRandom } from '../../shared/seeded-random';

/**
 * A seeded synthetic community for benchmarks: threads in tags with Zipf-like popularity,
 * members who each follow a few tags and read in sessions. Not for measuring quality.
 */
export function syntheticCommunity(options: { events: number; threads: number; members: number; tags: number; seed: number; now: number }): {
  catalogue: CatalogueItem[];
  interactions: Interaction[];
} {
  const random = seededRandom(options.seed);
  const words = ['window', 'function', 'query', 'index', 'join', 'bread', 'starter', 'oven', 'course', 'lesson', '学习', '函数', '窗口', '面包', '课程', '问题'];
  const span = 180 * 86_400_000;
  const catalogue: CatalogueItem[] = [];
  const byTag: number[][] = Array.from({ length: options.tags }, () => []);
  for (let i = 0; i < options.threads; i++) {
    const tag = Math.floor(Math.pow(random(), 1.5) * options.tags);
    byTag[tag]!.push(i);
    const title = Array.from({ length: 6 }, () => words[Math.floor(random() * words.length)]).join(' ');
    catalogue.push({
      id: `t${i}`,
      title: `${title} ${i}`,
      excerpt: `${title} ${title}`,
      tags: [`tag${tag}`],
      createdAt: options.now - Math.floor(random() * span),
      replies: Math.floor(random() * 20),
    });
  }
  const interactions: Interaction[] = [];
  const kinds = ['view', 'view', 'view', 'view', 'like', 'reply'] as const;
  while (interactions.length < options.events) {
    const user = `m${Math.floor(Math.pow(random(), 2) * options.members)}`;
    const tag = Math.floor(Math.pow(random(), 1.5) * options.tags);
    const pool = byTag[tag]!.length > 0 ? byTag[tag]! : [0];
    let ts = options.now - Math.floor(random() * span);
    const session = 1 + Math.floor(random() * 8);
    for (let s = 0; s < session && interactions.length < options.events; s++) {
      const thread = pool[Math.floor(Math.pow(random(), 2) * pool.length)]!;
      interactions.push({ user, item: `t${thread}`, ts: (ts += 60_000 + Math.floor(random() * 600_000)), kind: kinds[Math.floor(random() * kinds.length)]! });
    }
  }
  return { catalogue, interactions };
}
