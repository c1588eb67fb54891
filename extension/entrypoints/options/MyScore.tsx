import { useEffect, useState } from 'preact/hooks';
import type { AuthorActivity, AuthorAnnotation } from '../../../shared/schemas/annotate';
import { apiClient } from '../../lib/api';
import type { Session } from '../../lib/session';
import { workerUrlItem } from '../../lib/settings';
import { strings } from '../../overlay/strings';

type Score = { site: string; memberId: string; activity: AuthorActivity; engagement: AuthorAnnotation['engagement'] };

/** How each component can be raised: the member's own lever, never a chore list. */
const TIPS: Record<string, string> = {
  posts: 'Share what you are working on: posts count most.',
  topics: 'Start a topic with a question or something you learned.',
  replies: 'Answer a question or add to a thread you read.',
  likesGiven: 'Like the posts that helped you.',
  likesReceived: 'Posts that help others collect likes.',
  repliesReceived: 'Questions and ideas that invite answers draw replies.',
  daysActive: 'Drop by on more days; a few minutes counts.',
  views: 'Read a few threads in your topics.',
  readingMinutes: 'Take time with the threads you open.',
  acceptedAnswers: 'Answers that solve a question can be accepted.',
};

/** "Why is my score 62?": the member's own score per forum identity, and how to raise it. */
export function MyScore({ session }: { session: Session }) {
  const [scores, setScores] = useState<Score[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        const res = await apiClient(await workerUrlItem.getValue(), session.token).v1.me.score.$get();
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        setScores(((await res.json()) as { scores: Score[] }).scores);
      } catch (e) {
        setError((e as Error).message);
      }
    })();
  }, [session.token]);

  return (
    <section aria-labelledby="my-score-heading">
      <h2 id="my-score-heading">Your score</h2>
      {error && <p class="status status--error">Could not load your score: {error}</p>}
      {scores?.length === 0 && <p>No score yet: it appears once you browse the community signed in.</p>}
      {scores?.map((s) => {
        const weakest = [...s.engagement.components].sort((a, b) => a.normalised - b.normalised).slice(0, 2);
        return (
          <div key={s.memberId} data-testid="my-score">
            <p>
              <strong>
                {s.engagement.score} / 100 · {strings.levels[s.engagement.level]}
              </strong>{' '}
              on {s.site}. {strings.basis[s.engagement.basis ?? 'provisional']}
            </p>
            <table>
              <caption class="sr-only">What makes up your score</caption>
              <tbody>
                {s.engagement.components.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{strings.components[c.key]}</th>
                    <td>{Math.round(c.value * 10) / 10}</td>
                    <td>+{c.points.toFixed(1)} points</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>To raise it:</p>
            <ul>
              {weakest.map((c) => (
                <li key={c.key}>{TIPS[c.key]}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
