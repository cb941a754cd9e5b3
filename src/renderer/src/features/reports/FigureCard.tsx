import { FileDown, Image as ImageIcon, Table2 } from 'lucide-react';
import { memo, useId, useRef } from 'react';
import { useDeskStore } from '../../store';
import { downloadBlob } from '../transfer/export-files';
import { chartPng } from './chart-image';
import { useIsPrinting, useNearViewport } from './chart-visibility';
import { figureCsv, type DrillTarget, type Figure } from './figure';
import { chartHeight, FigureChart } from './FigureChart';
import { useReportQueryStore } from './report-store';

/** The figure's numbers as an accessible table; each count that has tickets opens them. */
export function FigureTable(props: {
  figure: Figure;
  caption: string;
  onDrill(target: DrillTarget): void;
}) {
  const { figure, onDrill } = props;
  return (
    <div className="figure-table-scroll">
      <table className="data-table figure-table">
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{figure.rowHeader}</th>
            {figure.columns.map((column) => (
              <th scope="col" key={column.label} className="num">
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {figure.rows.map((row) => (
            <tr key={row.key}>
              <th scope="row">{row.label}</th>
              {row.cells.map((cell, index) => (
                <td key={figure.columns[index]?.label ?? index} className="num">
                  {cell.drill && cell.value ? (
                    <button
                      type="button"
                      className="count-link"
                      aria-label={`${cell.text}: ${cell.drill.title}`}
                      title="Open these tickets in the queue"
                      onClick={() => onDrill(cell.drill!)}
                    >
                      {cell.text}
                    </button>
                  ) : (
                    cell.text
                  )}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Whether a figure has anything to draw. */
function hasValues(figure: Figure): boolean {
  const columns = figure.chart?.series.map((series) => series.column) ?? [];
  return figure.rows.some((row) => columns.some((column) => (row.cells[column]?.value ?? 0) > 0));
}

/**
 * A chart (or table-only figure) with its title, a table view of its numbers, and CSV and PNG
 * exports named after the title and the report's range.
 */
export const FigureCard = memo(function FigureCard(props: {
  figure: Figure;
  /** "2026-10-28 to 2026-11-26", for file names. */
  fileRange: string;
  /** "28 Oct – 26 Nov 2026", for the table caption. */
  rangeText: string;
  onDrill(target: DrillTarget): void;
  wide?: boolean;
}) {
  const { figure } = props;
  const headingId = useId();
  const chartRef = useRef<HTMLDivElement>(null);
  const pushToast = useDeskStore((state) => state.pushToast);
  const tableShown = useReportQueryStore((state) => state.tablesShown.includes(figure.id));
  const toggleTable = useReportQueryStore((state) => state.toggleTable);
  const tableOnly = !figure.chart;
  const near = useNearViewport(chartRef);
  const printing = useIsPrinting();
  const showTable = tableOnly || tableShown;
  const fileBase = `${figure.title} ${props.fileRange}`;

  const exportCsv = () => {
    downloadBlob(
      new Blob([figureCsv(figure)], { type: 'text/csv;charset=utf-8' }),
      `${fileBase}.csv`,
    );
  };
  const exportPng = async () => {
    try {
      const legend = (figure.chart?.series ?? []).map((series) => ({
        label: figure.columns[series.column]?.label ?? '',
        color: series.color,
      }));
      const blob = await chartPng(
        chartRef.current!,
        `${figure.title} · ${props.rangeText}`,
        legend,
      );
      downloadBlob(blob, `${fileBase}.png`);
    } catch (error) {
      pushToast({
        tone: 'danger',
        title: 'The chart could not be saved as a picture',
        body: error instanceof Error ? error.message : String(error),
      });
    }
  };

  const empty = figure.rows.length === 0 || (!tableOnly && !hasValues(figure));
  return (
    <section className={`card figure-card${props.wide ? ' wide' : ''}`} aria-labelledby={headingId}>
      <div className="figure-head">
        <div>
          <h3 id={headingId}>{figure.title}</h3>
          {figure.note ? <p className="figure-note">{figure.note}</p> : null}
        </div>
        <div className="figure-actions">
          {tableOnly ? null : (
            <button
              type="button"
              className="button small"
              aria-pressed={tableShown}
              aria-describedby={headingId}
              onClick={() => toggleTable(figure.id)}
            >
              <Table2 size={14} aria-hidden="true" />
              Show table
            </button>
          )}
          <button
            type="button"
            className="button small"
            aria-describedby={headingId}
            disabled={figure.rows.length === 0}
            onClick={exportCsv}
          >
            <FileDown size={14} aria-hidden="true" />
            Export CSV
          </button>
          {tableOnly ? null : (
            <button
              type="button"
              className="button small"
              aria-describedby={headingId}
              disabled={empty}
              onClick={() => void exportPng()}
            >
              <ImageIcon size={14} aria-hidden="true" />
              Export PNG
            </button>
          )}
        </div>
      </div>
      {empty ? (
        <p className="figure-empty muted">Nothing to show for this period and these filters.</p>
      ) : tableOnly ? null : (
        <>
          {figure.chart && figure.chart.series.length > 1 ? (
            <ul className="figure-legend" aria-hidden="true">
              {figure.chart.series.map((series) => (
                <li key={series.column}>
                  <span className="swatch" style={{ background: series.color }} />
                  {figure.columns[series.column]?.label}
                </li>
              ))}
            </ul>
          ) : null}
          <div ref={chartRef} className="figure-chart-box">
            {near || printing ? (
              <FigureChart figure={figure} onDrill={props.onDrill} />
            ) : (
              <div className="figure-chart-pending" style={{ height: chartHeight(figure) }} />
            )}
          </div>
        </>
      )}
      {showTable && figure.rows.length > 0 ? (
        <FigureTable
          figure={figure}
          caption={`${figure.title}, ${props.rangeText}`}
          onDrill={props.onDrill}
        />
      ) : null}
    </section>
  );
});
