import { type DemoPost, demoPosts, demoTopic } from './live-topic.data';

/**
 * The demo topic in the shape of Discourse's JSON API (`/t/{id}.json` and
 * `/t/{id}/posts.json`; see ../shared/LIVE-DOM.md §1.6), built from live-topic.data.ts.
 */
const userIds = new Map<string, number>();
function userId(username: string): number {
  if (!userIds.has(username)) userIds.set(username, 500 + userIds.size + 1);
  return userIds.get(username)!;
}
userId(demoTopic.currentUser.username);

export function postJson(p: DemoPost) {
  const target = p.replyTo === null ? undefined : demoPosts.find((q) => q.number === p.replyTo);
  return {
    id: p.id,
    post_number: p.number,
    post_type: 1,
    username: p.username,
    name: p.name,
    user_id: userId(p.username),
    avatar_template: `/letter_avatar/${p.username}/{size}/1.png`,
    created_at: p.createdAt,
    cooked: p.cooked,
    reply_to_post_number: p.replyTo,
    reply_to_user: target ? { username: target.username, name: target.name } : null,
    reply_count: demoPosts.filter((q) => q.replyTo === p.number).length,
    actions_summary: p.likes > 0 ? [{ id: 2, count: p.likes }] : [],
  };
}

export function topicJson() {
  const first = demoPosts.slice(0, demoTopic.firstWindow);
  return {
    id: demoTopic.id,
    title: demoTopic.title,
    fancy_title: demoTopic.title,
    slug: demoTopic.slug,
    posts_count: demoPosts.length,
    reply_count: demoPosts.length - 1,
    like_count: demoPosts.reduce((s, p) => s + p.likes, 0),
    views: demoTopic.views,
    created_at: demoTopic.createdAt,
    category_id: demoTopic.category.id,
    tags: demoTopic.tags,
    archetype: 'regular',
    chunk_size: 20,
    highest_post_number: demoPosts.length,
    details: { created_by: { id: userId(demoPosts[0]!.username), username: demoPosts[0]!.username } },
    post_stream: { posts: first.map(postJson), stream: demoPosts.map((p) => p.id) },
  };
}

/** `GET /t/{id}/posts.json?post_ids[]=…` */
export function postsJson(ids: readonly number[]) {
  const wanted = new Set(ids);
  return { post_stream: { posts: demoPosts.filter((p) => wanted.has(p.id)).map(postJson) } };
}

/** The preloaded store as Discourse puts it in `#data-preloaded`: values are JSON strings. */
export function preloadedStore() {
  return {
    currentUser: JSON.stringify({ ...demoTopic.currentUser, id: userId(demoTopic.currentUser.username) }),
    site: JSON.stringify({ categories: [{ id: demoTopic.category.id, name: demoTopic.category.name, slug: 'study-groups' }] }),
    [`topic_${demoTopic.id}`]: JSON.stringify(topicJson()),
  };
}
