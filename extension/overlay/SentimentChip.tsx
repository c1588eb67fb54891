import { useEffect, useState } from 'preact/hooks';
import type { PostSentiment } from '../../shared/schemas/annotate';
import { SENTIMENT_CONFIDENCE_THRESHOLD as CONFIDENCE_THRESHOLD, SENTIMENT_LABELS, TOXICITY_LABELS } from '../../shared/constants';
import type { AnnotationStore } from '../content/annotations';
import { formatPercent, t } from '../lib/i18n';

/** Each label has its own mark and word: never colour alone. */
const MARK = { positive: '↑', neutral: '→', negative: '↓' } as const;
/** Message keys as literals (the i18n test walks the sources for every key). */
const LABEL = { positive: 'sentiment.label.positive', neutral: 'sentiment.label.neutral', negative: 'sentiment.label.negative' } as const;
const CATEGORY = { toxic: 'sentiment.category.toxic', offensive: 'sentiment.category.offensive', hate: 'sentiment.category.hate' } as const;
const TOXICITY = {
  not_toxic: 'sentiment.toxicityLabel.not_toxic',
  offensive: 'sentiment.toxicityLabel.offensive',
  hate: 'sentiment.toxicityLabel.hate',
} as const;
type ToxicityLabel = (typeof TOXICITY_LABELS)[number];
type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

function usePostScores(store: AnnotationStore, postId: string): PostSentiment | null {
  const [scores, setScores] = useState(() => store.postScores(postId));
  useEffect(() => {
    setScores(store.postScores(postId));
    return store.subscribe(() => setScores(store.postScores(postId)));
  }, [store, postId]);
  return scores;
}

/** The model's single toxicity label for a post (offensive and hate imply toxic). */
export function modelToxicity(s: PostSentiment): ToxicityLabel {
  if (s.toxicity.flagged.includes('hate')) return 'hate';
  return s.toxicity.flagged.length > 0 ? 'offensive' : 'not_toxic';
}

/**
 * The sentiment chip beside a post's author (moderators and owners: the Worker sends post
 * scores to them only): label as mark and word, confidence on hover, dashed and marked
 * "uncertain" below CONFIDENCE_THRESHOLD; a toxicity warning that expands to the
 * categories; a "correct label" form. Everything is rendered as text, never as HTML.
 */
export function SentimentChip({ store, postId }: { store: AnnotationStore; postId: string }) {
  const scores = usePostScores(store, postId);
  const [open, setOpen] = useState<'toxicity' | 'correct' | null>(null);
  if (!scores) return null;
  const { sentiment, toxicity } = scores;
  const label = t(LABEL[sentiment.label]);
  const confidence = formatPercent(sentiment.confidence);
  const hover = [
    t('sentiment.confidence', { confidence }),
    ...(sentiment.uncertain ? [t('sentiment.uncertainHint', { threshold: formatPercent(CONFIDENCE_THRESHOLD) })] : []),
  ].join(' ');
  const toggle = (what: 'toxicity' | 'correct') => setOpen(open === what ? null : what);
  return (
    <span class="senti" onKeyDown={(e) => e.key === 'Escape' && setOpen(null)}>
      <span
        class={`chip chip--${sentiment.label}${sentiment.uncertain ? ' chip--uncertain' : ''}`}
        tabIndex={0}
        title={hover}
        aria-label={t(sentiment.uncertain ? 'sentiment.chipLabelUncertain' : 'sentiment.chipLabel', { label, confidence })}
        data-label={sentiment.label}
        data-uncertain={String(sentiment.uncertain)}
      >
        <span aria-hidden="true">{MARK[sentiment.label]}</span> {label}
        {sentiment.uncertain && ` (${t('sentiment.uncertain')})`}
      </span>
      {toxicity.flagged.length > 0 && (
        <button
          type="button"
          class="tox"
          aria-expanded={open === 'toxicity'}
          title={open === 'toxicity' ? t('sentiment.toxicHide') : t('sentiment.toxicShow')}
          onClick={() => toggle('toxicity')}
        >
          <span aria-hidden="true">⚠</span> {t('sentiment.toxicWarning')}
        </button>
      )}
      {store.canCorrect(postId) && (
        <button type="button" class="fix" aria-expanded={open === 'correct'} title={t('sentiment.correctTitle')} onClick={() => toggle('correct')}>
          <span aria-hidden="true">✎</span> {t('sentiment.correct')}
        </button>
      )}
      {open === 'toxicity' && (
        <span class="pop" role="group" aria-label={t('sentiment.toxicWarning')}>
          <ul>
            {(['toxic', 'offensive', 'hate'] as const).map((k) => (
              <li key={k} data-flagged={String(toxicity.flagged.includes(k))}>
                {toxicity.flagged.includes(k) ? '⚠ ' : ''}
                {t('sentiment.probability', { category: t(CATEGORY[k]), share: formatPercent(toxicity[k]) })}
              </li>
            ))}
          </ul>
        </span>
      )}
      {open === 'correct' && <CorrectionForm store={store} postId={postId} scores={scores} onClose={() => setOpen(null)} />}
    </span>
  );
}

function CorrectionForm({ store, postId, scores, onClose }: { store: AnnotationStore; postId: string; scores: PostSentiment; onClose: () => void }) {
  const [sentiment, setSentiment] = useState<SentimentLabel>(scores.sentiment.label);
  const [toxicity, setToxicity] = useState<ToxicityLabel>(modelToxicity(scores));
  const [status, setStatus] = useState<{ kind: 'idle' | 'saving' | 'saved' } | { kind: 'failed'; error: string }>({ kind: 'idle' });

  const save = async (e: Event) => {
    e.preventDefault();
    setStatus({ kind: 'saving' });
    const changes = [
      ...(sentiment !== scores.sentiment.label ? [{ task: 'sentiment' as const, label: sentiment }] : []),
      ...(toxicity !== modelToxicity(scores) ? [{ task: 'toxicity' as const, label: toxicity }] : []),
    ];
    for (const c of changes) {
      const r = await store.correct(postId, c);
      if (!r.ok) return setStatus({ kind: 'failed', error: r.error });
    }
    setStatus({ kind: 'saved' });
  };

  return (
    <form class="pop" onSubmit={save} aria-label={t('sentiment.correctTitle')}>
      <fieldset>
        <legend>{t('sentiment.correctSentiment')}</legend>
        {SENTIMENT_LABELS.map((l) => (
          <label key={l}>
            <input type="radio" name="sentiment" value={l} checked={sentiment === l} onChange={() => setSentiment(l)} /> {MARK[l]}{' '}
            {t(LABEL[l])}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>{t('sentiment.correctToxicity')}</legend>
        {TOXICITY_LABELS.map((l) => (
          <label key={l}>
            <input type="radio" name="toxicity" value={l} checked={toxicity === l} onChange={() => setToxicity(l)} /> {t(TOXICITY[l])}
          </label>
        ))}
      </fieldset>
      <span class="actions">
        <button type="submit" disabled={status.kind === 'saving'}>
          {t('sentiment.save')}
        </button>
        <button type="button" onClick={onClose}>
          {t('sentiment.cancel')}
        </button>
      </span>
      <small role="status">
        {status.kind === 'saved' ? t('sentiment.saved') : status.kind === 'failed' ? t('sentiment.failed', { error: status.error }) : ''}
      </small>
    </form>
  );
}
