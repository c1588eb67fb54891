import type { ComponentChildren } from 'preact';
import { useMemo, useState } from 'preact/hooks';
import type { DashboardResponse } from '../../../../shared/schemas/dashboard';
import { formatDay, formatNumber, formatPercent, t } from '../../../lib/i18n';
import { ActiveMembers } from './ActiveMembers';
import { Chart } from './Chart';
import { CohortHeatmap } from './CohortHeatmap';
import { CsvButton, DataTable, WithTable } from './DataTable';
import {
  activeTable,
  activityTable,
  atRiskTable,
  cohortTable,
  contributorsTable,
  decileLabel,
  histogramTable,
  LEVEL_MARK,
  levelLabel,
  levelsTable,
  memberName,
  qualityTable,
  reasonLine,
  sentimentTable,
  siteHost,
  TREND_MARK,
  trendLabel,
} from './model';

export type Variant = 'popup' | 'page';

const daySeconds = (day: string) => Date.parse(`${day}T00:00:00Z`) / 1000;
const dayFromSeconds = (s: number) => formatDay(s * 1000);

/**
 * One part of the pulse. In the popup a collapsible <details> whose summary carries the
 * headline number (readable closed); on the page an open card.
 */
function Part(props: { id: string; title: string; headline?: string; variant: Variant; open?: boolean; actions?: ComponentChildren; children: ComponentChildren }) {
  const { id, title, headline, variant, open = false, actions, children } = props;
  if (variant === 'popup') {
    return (
      <details class="part" id={`part-${id}`} open={open}>
        <summary>
          <span class="part-title">{title}</span>
          {headline && <span class="part-headline">{headline}</span>}
        </summary>
        {children}
      </details>
    );
  }
  return (
    <section class="card" id={`part-${id}`} aria-labelledby={`h-${id}`}>
      <div class="card-head">
        <h2 id={`h-${id}`}>{title}</h2>
        {headline && <span class="part-headline">{headline}</span>}
        {actions && <div class="card-actions">{actions}</div>}
      </div>
      {children}
    </section>
  );
}

/** The community's pulse: active members, activity, retention, engagement, quality, sentiment, members. */
export function PulseView({ data, variant, site = null }: { data: DashboardResponse; variant: Variant; site?: string | null }) {
  const page = variant === 'page';
  const limit = page ? Infinity : 5;
  const [cohort, setCohort] = useState<string | null>(null);

  const tables = useMemo(
    () => ({
      active: activeTable(data),
      activity: activityTable(data),
      cohorts: cohortTable(data),
      histogram: histogramTable(data),
      levels: levelsTable(data),
      quality: qualityTable(data, site),
      contributors: contributorsTable(data, site),
      atRisk: atRiskTable(data, site),
      sentiment: sentimentTable(data),
    }),
    [data, site, t('locale')],
  );

  const activity = useMemo(() => {
    const x = data.activity.map((a) => daySeconds(a.day));
    const series = [
      { label: t('activity.index'), values: data.activity.map((a) => a.index) },
      { label: t('activity.activeMembers'), values: data.activity.map((a) => a.activeMembers), axis: 'right' as const, dash: true },
    ];
    return { x, series };
  }, [data, t('locale')]);
  const indexes = data.activity.map((a) => a.index).filter((v): v is number => v !== null);
  const meanIndex = indexes.length ? indexes.reduce((a, b) => a + b, 0) / indexes.length : null;
  const latest = data.activity.at(-1);

  const histogram = useMemo(
    () => ({ x: data.engagement.histogram.map((_, i) => i), series: [{ label: t('engagement.members'), values: data.engagement.histogram }] }),
    [data, t('locale')],
  );
  const sentiment = useMemo(
    () => ({ x: data.sentiment.map((s) => daySeconds(s.day)), series: [{ label: t('sentimentTrend.net'), values: data.sentiment.map((s) => s.net) }] }),
    [data, t('locale')],
  );
  const scored = data.sentiment.filter((s) => s.net !== null);
  const netAverage = scored.length ? scored.reduce((a, s) => a + s.net! * s.posts, 0) / Math.max(1, scored.reduce((a, s) => a + s.posts, 0)) : null;

  const cohortRow = cohort ? data.cohorts.rows.find((r) => r.label === cohort) : undefined;
  const cohortCurve = useMemo(
    () => (cohortRow ? { x: data.cohorts.offsets, series: [{ label: t('cohorts.retention'), values: cohortRow.rates }] } : null),
    [cohortRow, data, t('locale')],
  );

  const atRisk = data.atRisk.filter((m) => !site || m.site === site);
  const contributors = data.topContributors.filter((m) => !site || m.site === site);
  const sites = new Set([...data.topContributors, ...data.atRisk].map((m) => m.site)).size > 1;
  const levelsText = tables.levels.rows.map(([level, n]) => `${level} ${formatNumber(n as number)}`).join(' · ');

  return (
    <div class={`pulse pulse--${variant}`}>
      <Part id="active" variant={variant} title={t('active.title')} open actions={page && <CsvButton table={tables.active} />}>
        <ActiveMembers data={data} />
        {page && <WithTable table={tables.active}>{null}</WithTable>}
      </Part>

      <Part
        id="activity"
        variant={variant}
        title={t('activity.title')}
        headline={meanIndex === null ? undefined : t('activity.headline', { index: formatNumber(meanIndex) })}
        open
        actions={page && <CsvButton table={tables.activity} />}
      >
        <p class="small">
          {meanIndex === null
            ? t('activity.noMembers')
            : t('activity.summary', {
                index: formatNumber(meanIndex),
                days: data.range,
                active: formatNumber(latest?.activeMembers ?? 0),
              })}
        </p>
        <WithTable table={tables.activity}>
          <Chart
            label={t('activity.chartLabel', { days: data.range })}
            kind="line"
            x={activity.x}
            series={activity.series}
            xFormat={dayFromSeconds}
            yFormat={(v) => formatNumber(v)}
            height={page ? 220 : 130}
          />
        </WithTable>
      </Part>

      <Part
        id="cohorts"
        variant={variant}
        title={t('cohorts.title')}
        headline={data.cohorts.rows.length ? t('cohorts.headline', { n: data.cohorts.rows.length }) : undefined}
        actions={page && <CsvButton table={tables.cohorts} />}
        open={page}
      >
        <p class="small muted">{t('cohorts.explain')}</p>
        <CohortHeatmap data={data} onSelect={page ? (label) => setCohort(label === cohort ? null : label) : undefined} selected={cohort} />
        {page && cohortRow && cohortCurve && (
          <div class="drill" aria-live="polite">
            <h3>{t('cohorts.drillTitle', { week: formatDay(cohortRow.label, true), size: formatNumber(cohortRow.size) })}</h3>
            <Chart
              label={t('cohorts.drillLabel', { week: formatDay(cohortRow.label, true) })}
              kind="line"
              time={false}
              xLabel={t('cohorts.weeksLater')}
              x={cohortCurve.x}
              series={cohortCurve.series}
              xFormat={(n) => t('cohorts.weekShort', { n })}
              yFormat={(v) => formatPercent(v)}
              yRange={[0, 1]}
              height={160}
            />
          </div>
        )}
      </Part>

      <Part
        id="engagement"
        variant={variant}
        title={t('engagement.title')}
        headline={levelsText || undefined}
        actions={
          page && (
            <>
              <CsvButton table={tables.histogram} />
              <CsvButton table={tables.levels} />
            </>
          )
        }
        open={page}
      >
        <WithTable table={tables.histogram}>
          <Chart
            label={t('engagement.chartLabel')}
            kind="bars"
            time={false}
            xLabel={t('engagement.scoreRange')}
            x={histogram.x}
            series={histogram.series}
            xFormat={(i) => decileLabel(i)}
            yFormat={(v) => formatNumber(v)}
            height={page ? 200 : 120}
          />
        </WithTable>
        <ul class="levels" aria-label={t('engagement.levelsTitle')}>
          {Object.entries(data.engagement.levels).map(([level, n]) => (
            <li key={level}>
              <span aria-hidden="true">{LEVEL_MARK[level] ?? ''}</span> {levelLabel(level)}: <strong>{formatNumber(n)}</strong>
            </li>
          ))}
        </ul>
      </Part>

      <Part
        id="quality"
        variant={variant}
        title={t('quality.title')}
        headline={data.quality.meanScore === null ? undefined : t('quality.headline', { score: formatNumber(Math.round(data.quality.meanScore)) })}
        actions={page && <CsvButton table={tables.quality} />}
        open={page}
      >
        <p class="small">
          {data.quality.meanScore === null
            ? t('quality.none', { days: data.range })
            : t('quality.summary', { posts: formatNumber(data.quality.posts), score: formatNumber(Math.round(data.quality.meanScore)), days: data.range })}
        </p>
        <DataTable table={tables.quality} empty={t('quality.noAuthors')} />
      </Part>

      <Part
        id="sentiment"
        variant={variant}
        title={t('sentimentTrend.title')}
        headline={netAverage === null ? t('sentimentTrend.noDataShort') : t('sentimentTrend.headline', { net: formatPercent(netAverage) })}
        actions={page && <CsvButton table={tables.sentiment} />}
        open={page}
      >
        {data.sentiment.length === 0 ? (
          <p class="muted" data-testid="sentiment-empty">
            {t('sentimentTrend.noData')}
          </p>
        ) : (
          <WithTable table={tables.sentiment}>
            <p class="small muted">{t('sentimentTrend.explain')}</p>
            <Chart
              label={t('sentimentTrend.chartLabel', { days: data.range })}
              kind="line"
              x={sentiment.x}
              series={sentiment.series}
              xFormat={dayFromSeconds}
              yFormat={(v) => formatPercent(v)}
              yRange={[-1, 1]}
              height={page ? 200 : 120}
            />
          </WithTable>
        )}
      </Part>

      <Part
        id="contributors"
        variant={variant}
        title={t('contributors.title')}
        headline={contributors[0] ? t('contributors.headline', { name: memberName(contributors[0]), score: contributors[0].score }) : undefined}
        actions={page && <CsvButton table={tables.contributors} />}
        open={page}
      >
        {page ? (
          <DataTable table={tables.contributors} captionHidden empty={t('contributors.none')} />
        ) : contributors.length === 0 ? (
          <p class="muted">{t('contributors.none')}</p>
        ) : (
          <ol class="members">
            {contributors.slice(0, limit).map((m) => (
              <li key={m.memberId}>
                <span class="name">{memberName(m)}</span>
                {sites && <span class="muted"> · {siteHost(m.site)}</span>} <strong>{formatNumber(m.score)}</strong>{' '}
                <span class="muted">
                  <span aria-hidden="true">{LEVEL_MARK[m.level] ?? ''}</span> {levelLabel(m.level)},{' '}
                  <span aria-hidden="true">{TREND_MARK[m.trend] ?? ''}</span> {trendLabel(m.trend)}
                </span>
              </li>
            ))}
          </ol>
        )}
      </Part>

      <Part
        id="at-risk"
        variant={variant}
        title={t('atRisk.title')}
        headline={t('atRisk.headline', atRisk.length, [formatNumber(atRisk.length)])}
        actions={page && <CsvButton table={tables.atRisk} />}
        open={page}
      >
        {atRisk.length === 0 ? (
          <p class="muted">{t('atRisk.none')}</p>
        ) : (
          <ul class="members at-risk">
            {atRisk.slice(0, limit).map((m) => (
              <li key={m.memberId}>
                <details open={page && atRisk.length <= 5}>
                  <summary>
                    <span class="name">{memberName(m)}</span>
                    {sites && <span class="muted"> · {siteHost(m.site)}</span>}{' '}
                    {m.risk !== null && <strong>{t('atRisk.riskValue', { risk: formatPercent(m.risk) })}</strong>}{' '}
                    {m.lastActiveAt && <span class="muted">{t('atRisk.lastActiveOn', { day: formatDay(m.lastActiveAt) })}</span>}
                  </summary>
                  {m.reasons.length === 0 ? (
                    <p class="muted small">{t('atRisk.noReasons')}</p>
                  ) : (
                    <ul class="reasons small">
                      {m.reasons.map((r) => (
                        <li key={r.feature}>{reasonLine(r)}</li>
                      ))}
                    </ul>
                  )}
                </details>
              </li>
            ))}
          </ul>
        )}
        {!page && atRisk.length > limit && <p class="muted small">{t('atRisk.more', atRisk.length - limit, [atRisk.length - limit])}</p>}
      </Part>
    </div>
  );
}
