import {
  Bar,
  BarChart,
  CartesianGrid,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import type { ChartSpec, DrillTarget, Figure } from './figure';
import { formatDuration } from './report-format';

const HOUR_MS = 3_600_000;

const axisTick = { fill: 'var(--text-muted)', fontSize: 12 };
const tooltipStyles = {
  contentStyle: {
    background: 'var(--surface)',
    border: '1px solid var(--border)',
    borderRadius: 8,
    color: 'var(--text)',
    fontSize: 13,
  },
  labelStyle: { color: 'var(--text)', fontWeight: 600 },
  itemStyle: { color: 'var(--text)' },
  cursor: { fill: 'var(--surface-2)' },
};

/** The value a chart plots: durations in hours (round axis ticks), the rest as they are. */
function plotted(spec: ChartSpec, value: number | null): number | null {
  if (value === null) return null;
  return spec.format === 'duration' ? value / HOUR_MS : value;
}

function formatValue(spec: ChartSpec, value: number): string {
  if (spec.format === 'percent') return `${value.toFixed(1)}%`;
  if (spec.format === 'duration') return formatDuration(value * HOUR_MS);
  return value.toLocaleString();
}

function formatTick(spec: ChartSpec, value: number): string {
  if (spec.format === 'percent') return `${value}%`;
  if (spec.format === 'duration') return `${value} h`;
  return value.toLocaleString();
}

/** The longest row label, for the category axis of horizontal bars. */
function labelWidth(figure: Figure): number {
  const longest = Math.max(0, ...figure.rows.map((row) => row.label.length));
  return Math.min(180, Math.max(60, longest * 7 + 12));
}

/**
 * A figure drawn with Recharts. Hidden from assistive technology as a picture with a name: the
 * table view has the same numbers, each a button, which is the keyboard's way to drill down.
 */
export function FigureChart(props: { figure: Figure; onDrill(target: DrillTarget): void }) {
  const { figure, onDrill } = props;
  const spec = figure.chart;
  if (!spec) return null;
  const data = figure.rows.map((row) => {
    const point: Record<string, string | number | null> = { label: row.label };
    for (const series of spec.series) {
      point[`c${series.column}`] = plotted(spec, row.cells[series.column]?.value ?? null);
    }
    return point;
  });
  const drillAt = (rowIndex: number, column: number) => {
    const target = figure.rows[rowIndex]?.cells[column]?.drill;
    const value = figure.rows[rowIndex]?.cells[column]?.value;
    if (target && value) onDrill(target);
  };
  const tooltip = (
    <Tooltip
      {...tooltipStyles}
      formatter={(value, name) => [
        typeof value === 'number' ? formatValue(spec, value) : String(value ?? '—'),
        figure.columns[Number(String(name).slice(1))]?.label ?? String(name),
      ]}
    />
  );
  const valueAxis = {
    tick: axisTick,
    stroke: 'var(--border)',
    tickFormatter: (value: number) => formatTick(spec, value),
    allowDecimals: spec.format !== 'count',
    ...(spec.format === 'percent' ? { domain: [0, 100] as [number, number] } : {}),
  };
  const categoryAxis = { dataKey: 'label', tick: axisTick, stroke: 'var(--border)' };

  return (
    <div className="figure-chart" role="img" aria-label={`Chart: ${figure.title}`}>
      <ResponsiveContainer width="100%" height={chartHeight(figure)}>
        {spec.kind === 'line' ? (
          <LineChart
            data={data}
            accessibilityLayer={false}
            margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
            onClick={(state) => {
              const index = Number(state.activeIndex);
              if (Number.isInteger(index) && spec.clickColumn !== undefined) {
                drillAt(index, spec.clickColumn);
              }
            }}
          >
            <CartesianGrid stroke="var(--border)" vertical={false} />
            <XAxis {...categoryAxis} minTickGap={16} />
            <YAxis {...valueAxis} width={48} />
            {tooltip}
            {spec.series.map((series) => (
              <Line
                key={series.column}
                dataKey={`c${series.column}`}
                stroke={series.color}
                fill={series.color}
                strokeWidth={2}
                connectNulls
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        ) : (
          <BarChart
            data={data}
            layout={spec.horizontal ? 'vertical' : 'horizontal'}
            accessibilityLayer={false}
            margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
          >
            <CartesianGrid
              stroke="var(--border)"
              vertical={!!spec.horizontal}
              horizontal={!spec.horizontal}
            />
            {spec.horizontal ? (
              <>
                <XAxis type="number" {...valueAxis} />
                <YAxis type="category" {...categoryAxis} width={labelWidth(figure)} interval={0} />
              </>
            ) : (
              <>
                <XAxis
                  {...categoryAxis}
                  {...(data.length <= 8 ? { interval: 0 } : { minTickGap: 8 })}
                />
                <YAxis {...valueAxis} width={48} />
              </>
            )}
            {tooltip}
            {spec.series.map((series) => (
              <Bar
                key={series.column}
                dataKey={`c${series.column}`}
                fill={series.color}
                stackId={spec.stacked ? 'stack' : undefined}
                maxBarSize={spec.horizontal ? 22 : 48}
                isAnimationActive={false}
                className="figure-bar"
                onClick={(_entry, index) => drillAt(index, series.column)}
              />
            ))}
          </BarChart>
        )}
      </ResponsiveContainer>
    </div>
  );
}

/** The height a figure's chart takes (also kept free while it is not drawn). */
export function chartHeight(figure: Figure): number {
  return figure.chart?.horizontal ? Math.max(120, figure.rows.length * 34 + 40) : 260;
}
