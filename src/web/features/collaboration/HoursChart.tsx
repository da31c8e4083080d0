import { useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CollaborationRow } from '../../../shared/collaboration';

const MIN_WIDTH = 260;
const MAX_WIDTH = 768;
const LABEL_HEIGHT = 20;
const BAR_HEIGHT = 16;
const BAR_GAP = 4;
const GROUP_GAP = 16;
const VALUE_SPACE = 64;

/**
 * The period's planned and reported hours per organisation, as horizontal bars drawn in inline SVG (no
 * chart library, nothing from another host). Bars scale to the viewBox, so the chart fits 360 px. It is
 * an image with a text alternative; the table under it holds the same numbers, month by month. The
 * drawing is as wide as its box (one unit a pixel), so its text keeps its size on a phone.
 */
export function HoursChart({ rows, formatHours }: { rows: CollaborationRow[]; formatHours: (value: number) => string }) {
  const { t } = useTranslation('collaboration');
  const titleId = useId();
  const box = useRef<HTMLElement>(null);
  const [width, setWidth] = useState(640);
  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setWidth(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, Math.floor(element.clientWidth))));
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  const descId = useId();
  const max = Math.max(1, ...rows.flatMap((row) => [row.plannedHours, row.reportedHours]));
  const groupHeight = LABEL_HEIGHT + 2 * BAR_HEIGHT + BAR_GAP + GROUP_GAP;
  const height = rows.length * groupHeight + 28;
  const scale = (value: number) => (value / max) * (width - VALUE_SPACE);
  return (
    <figure className="collaboration__chart" ref={box}>
      <svg viewBox={`0 0 ${width} ${height}`} role="img" aria-labelledby={`${titleId} ${descId}`} width={width} height={height}>
        <title id={titleId}>{t('chart.title')}</title>
        <desc id={descId}>
          {rows.map((row) => t('chart.row', { organisation: row.organisationName, planned: formatHours(row.plannedHours), reported: formatHours(row.reportedHours) })).join(' ')}
        </desc>
        <g aria-hidden="true">
          <rect x={0} y={4} width={12} height={12} className="collaboration__bar--planned" />
          <text x={18} y={14} className="collaboration__legend">
            {t('chart.planned')}
          </text>
          <rect x={Math.min(200, width / 2)} y={4} width={12} height={12} className="collaboration__bar--reported" />
          <text x={Math.min(200, width / 2) + 18} y={14} className="collaboration__legend">
            {t('chart.reported')}
          </text>
          {rows.map((row, index) => {
            const top = 28 + index * groupHeight;
            return (
              <g key={row.organisationId}>
                <text x={0} y={top + 14} className="collaboration__label">
                  {row.organisationName}
                </text>
                <rect x={0} y={top + LABEL_HEIGHT} width={Math.max(1, scale(row.plannedHours))} height={BAR_HEIGHT} className="collaboration__bar--planned" />
                <text x={scale(row.plannedHours) + 6} y={top + LABEL_HEIGHT + 12} className="collaboration__value">
                  {formatHours(row.plannedHours)}
                </text>
                <rect x={0} y={top + LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP} width={Math.max(1, scale(row.reportedHours))} height={BAR_HEIGHT} className="collaboration__bar--reported" />
                <text x={scale(row.reportedHours) + 6} y={top + LABEL_HEIGHT + BAR_HEIGHT + BAR_GAP + 12} className="collaboration__value">
                  {formatHours(row.reportedHours)}
                </text>
              </g>
            );
          })}
        </g>
      </svg>
      <figcaption>{t('chart.caption')}</figcaption>
    </figure>
  );
}
