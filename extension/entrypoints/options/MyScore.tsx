import { useEffect, useState } from 'preact/hooks';
import type { AuthorActivity, AuthorAnnotation } from '../../../shared/schemas/annotate';
import { apiClient } from '../../lib/api';
import { formatNumber, t } from '../../lib/i18n';
import type { Session } from '../../lib/session';
import { workerUrlItem } from '../../lib/settings';
import { strings } from '../../overlay/strings';

type Score = { site: string; memberId: string; activity: AuthorActivity; engagement: AuthorAnnotation['engagement'] };

/** How each component can be raised: the member's own lever, never a chore list. */
const TIP_KEYS = {
  posts: 'options.myScore.tips.posts',
  topics: 'options.myScore.tips.topics',
  replies: 'options.myScore.tips.replies',
  likesGiven: 'options.myScore.tips.likesGiven',
  likesReceived: 'options.myScore.tips.likesReceived',
  repliesReceived: 'options.myScore.tips.repliesReceived',
  daysActive: 'options.myScore.tips.daysActive',
  views: 'options.myScore.tips.views',
  readingMinutes: 'options.myScore.tips.readingMinutes',
  acceptedAnswers: 'options.myScore.tips.acceptedAnswers',
} as const;
const tip = (key: string) => (key in TIP_KEYS ? t(TIP_KEYS[key as keyof typeof TIP_KEYS]) : null);

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
      <h2 id="my-score-heading">{t('options.myScore.title')}</h2>
      {error && <p class="status status--error">{t('options.myScore.failed', { error })}</p>}
      {scores?.length === 0 && <p>{t('options.myScore.none')}</p>}
      {scores?.map((s) => {
        const weakest = [...s.engagement.components].sort((a, b) => a.normalised - b.normalised).slice(0, 2);
        return (
          <div key={s.memberId} data-testid="my-score">
            <p>
              <strong>
                {s.engagement.score} / 100 · {strings.levels[s.engagement.level]}
              </strong>{' '}
              {t('options.myScore.onSite', { site: s.site })} {strings.basis[s.engagement.basis ?? 'provisional']}
            </p>
            <table>
              <caption class="sr-only">{t('options.myScore.caption')}</caption>
              <tbody>
                {s.engagement.components.map((c) => (
                  <tr key={c.key}>
                    <th scope="row">{strings.components[c.key]}</th>
                    <td>{formatNumber(Math.round(c.value * 10) / 10)}</td>
                    <td>{t('options.myScore.points', { points: formatNumber(c.points, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
            <p>{t('options.myScore.toRaise')}</p>
            <ul>
              {weakest.map((c) => (
                <li key={c.key}>{tip(c.key)}</li>
              ))}
            </ul>
          </div>
        );
      })}
    </section>
  );
}
