/** A uPlot line chart of hourly counts (the overview's 24 h trend). */
import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface TrendSeries {
  readonly label: string;
  readonly color: string;
  readonly values: readonly number[];
}

export function TrendChart({
  times,
  series,
  title,
}: {
  times: readonly number[];
  series: readonly TrendSeries[];
  title: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = ref.current;
    if (el === null) return undefined;
    const width = Math.max(280, Math.min(900, el.clientWidth));
    const plot = new uPlot(
      {
        width,
        height: 220,
        scales: { x: { time: true } },
        axes: [{ stroke: 'currentColor' }, { stroke: 'currentColor' }],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: 2,
            fill: `${s.color}22`,
          })),
        ],
      },
      [times.map((t) => t / 1000), ...series.map((s) => [...s.values])],
      el,
    );
    return () => plot.destroy();
  }, [times, series]);
  return <figure class="chart" role="img" aria-label={title} ref={ref} />;
}
