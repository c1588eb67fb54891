import { useEffect, useRef, useState } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { currentLocale, t } from '../../../lib/i18n';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  /** Second y axis on the right (another unit). */
  axis?: 'left' | 'right';
  /** Dashed line: the second series differs by pattern too, never by colour alone. */
  dash?: boolean;
}

export interface ChartProps {
  /** What the chart shows, for screen readers (the numbers are in the table beside it). */
  label: string;
  kind: 'line' | 'bars';
  x: number[];
  series: ChartSeries[];
  /** Formats an x value (a UTC day in seconds, or a bucket index) for the axis and legend. */
  xFormat: (x: number) => string;
  yFormat?: (y: number) => string;
  /** Fixed y range, e.g. [-1, 1] for sentiment. */
  yRange?: [number, number];
  height?: number;
  /** The x axis holds times (seconds) rather than categories. */
  time?: boolean;
  /** The x values' name in the legend (default: "Day"). */
  xLabel?: string;
}

const COLOURS = ['#1d4ed8', '#b45309'];

/**
 * A uPlot chart sized to its container. Decorative for assistive technology (the same
 * numbers are always in a table); if the canvas cannot be drawn it leaves a note.
 */
export function Chart({ label, kind, x, series, xFormat, yFormat = String, yRange, height = 140, time = true, xLabel = t('common.day') }: ChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const [failed, setFailed] = useState(false);
  // Rebuild only when the numbers, the shape or the language change, not on every render.
  const key = JSON.stringify([kind, x, series, yRange, height, time, xLabel, currentLocale()]);
  const formats = useRef({ xFormat, yFormat });
  formats.current = { xFormat, yFormat };

  useEffect(() => {
    const { xFormat, yFormat } = formats.current;
    const el = box.current;
    if (!el) return;
    const width = Math.max(200, el.clientWidth || 320);
    const right = series.some((s) => s.axis === 'right');
    const axisStyle = { stroke: '#374151', grid: { stroke: '#e5e7eb', width: 1 }, ticks: { stroke: '#d1d5db', width: 1 } };
    let plot: uPlot | null = null;
    try {
      plot = new uPlot(
        {
          width,
          height,
          scales: {
            x: { time, ...(kind === 'bars' ? { range: [-0.5, x.length - 0.5] as [number, number] } : {}) },
            y: yRange ? { range: yRange } : { range: (_u, min, max) => [Math.min(0, min ?? 0), Math.max(1, max ?? 1)] },
            ...(right ? { y2: { range: (_u: uPlot, min: number, max: number) => [Math.min(0, min ?? 0), Math.max(1, max ?? 1)] as [number, number] } } : {}),
          },
          axes: [
            { ...axisStyle, values: (_u, splits) => splits.map((s) => (kind === 'bars' && !Number.isInteger(s) ? '' : xFormat(s))) },
            { ...axisStyle, size: 44, values: (_u, splits) => splits.map((s) => yFormat(s)) },
            ...(right ? [{ ...axisStyle, scale: 'y2', side: 1 as const, grid: { show: false }, size: 40, values: (_u: uPlot, splits: number[]) => splits.map(String) }] : []),
          ],
          series: [
            { label: xLabel, value: (_u, v) => (v == null ? '–' : xFormat(v)) },
            ...series.map((s, i) => ({
              label: s.label,
              scale: s.axis === 'right' ? 'y2' : 'y',
              stroke: COLOURS[i % COLOURS.length],
              width: 2,
              ...(s.dash ? { dash: [6, 4] } : {}),
              ...(kind === 'bars' ? { fill: 'rgba(29, 78, 216, 0.35)', paths: uPlot.paths.bars!({ size: [0.7, 40] }), points: { show: false } } : {}),
              value: (_u: uPlot, v: number | null) => (v == null ? '–' : s.axis === 'right' ? String(v) : yFormat(v)),
              spanGaps: false,
            })),
          ],
          cursor: { drag: { x: false, y: false } },
          legend: { show: true },
        },
        [x, ...series.map((s) => s.values)] as uPlot.AlignedData,
        el,
      );
      setFailed(false);
    } catch {
      setFailed(true);
    }
    const resize =
      typeof ResizeObserver === 'function' && plot
        ? new ResizeObserver(() => plot?.setSize({ width: Math.max(200, el.clientWidth), height }))
        : null;
    resize?.observe(el);
    return () => {
      resize?.disconnect();
      plot?.destroy();
    };
  }, [key]);

  return (
    <figure class="chart">
      <div ref={box} role="img" aria-label={label} />
      {failed && <figcaption class="muted">{label}</figcaption>}
    </figure>
  );
}
