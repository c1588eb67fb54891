import { useEffect, useState } from 'preact/hooks';
import type { AnnotationState, AnnotationStore } from '../content/annotations';
import { strings } from './strings';

/** The level as a symbol too: never by colour alone. */
const LEVEL_MARK = { newcomer: '○', regular: '◐', core: '●', at_risk: '△', lapsed: '◌' } as const;

/** Subscribes to one author's annotation. */
function useAnnotation(store: AnnotationStore, author: string): AnnotationState {
  const [state, setState] = useState(() => store.state(author));
  useEffect(() => {
    setState(store.state(author));
    return store.subscribe(() => setState(store.state(author)));
  }, [store, author]);
  return state;
}

/**
 * The engagement badge beside an author: score and level at a glance (the level also as
 * a symbol, never by colour alone), the reasons on hover or keyboard focus.
 * All text is rendered as text: nothing from the page or the API becomes HTML.
 */
export function EngagementBadge({ store, author }: { store: AnnotationStore; author: string }) {
  const state = useAnnotation(store, author);
  const [open, setOpen] = useState(false);

  if (state.status === 'hidden') return null;
  if (state.status === 'revoked') {
    return (
      <span class="badge badge--error" title={state.error} aria-label={state.error}>
        ⊘
      </span>
    );
  }
  if (state.status === 'loading') {
    return (
      <span class="badge badge--loading" role="status" title={strings.loading} aria-label={strings.loading}>
        …
      </span>
    );
  }
  if (state.status === 'error') {
    return (
      <span class="badge badge--error" title={strings.error(state.error)} aria-label={strings.error(state.error)}>
        ?
      </span>
    );
  }

  const { engagement, activity } = state.annotation;
  const level = strings.levels[engagement.level];
  const trend = engagement.trend ?? null;
  return (
    <span class="wrap" onMouseEnter={() => setOpen(true)} onMouseLeave={() => setOpen(false)}>
      <span
        class={`badge badge--${engagement.level}`}
        tabIndex={0}
        role="button"
        aria-expanded={open}
        aria-label={strings.badgeLabel(engagement.score, level, author)}
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onKeyDown={(e) => e.key === 'Escape' && setOpen(false)}
        data-score={engagement.score}
        data-level={engagement.level}
      >
        <span aria-hidden="true">{LEVEL_MARK[engagement.level]}</span> {engagement.score} · {level}
        {trend && trend.direction !== 'new' && (
          <span class="trend" aria-label={strings.trend[trend.direction]}>
            {' '}
            {strings.trendMark[trend.direction]}
          </span>
        )}
      </span>
      {open && (
        <span class="card" role="tooltip">
          <strong>{strings.why}</strong>
          <table>
            <tbody>
              {engagement.components.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{strings.components[c.key]}</th>
                  <td>{c.value}</td>
                  <td>+{c.points.toFixed(1)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <small>
            {strings.formula} {strings.basis[engagement.basis ?? 'provisional']}{' '}
            {trend?.delta != null && `${strings.trend[trend.direction]} (${trend.delta > 0 ? '+' : ''}${trend.delta}). `}
            {strings.seen(activity.topics, activity.replies)}
          </small>
          {engagement.churn && (
            <div class="churn">
              <strong>{strings.churnTitle(engagement.churn.risk)}</strong>
              <ul>
                {engagement.churn.reasons.map((r) => (
                  <li key={r.feature}>{strings.churnReason(r.feature, r.direction, r.value, r.typical)}</li>
                ))}
              </ul>
            </div>
          )}
        </span>
      )}
    </span>
  );
}
