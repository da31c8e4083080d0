import { useTranslation } from 'react-i18next';
import { WEEKDAY_NAMES, type CoverageCell } from '../../../shared/presence';

const lang = (language: string) => (language === 'en' ? 'en' : 'sv');
const pad = (hour: number) => String(hour).padStart(2, '0');

/** Hours with nothing to show at either end of the day are left out, so the grid stays short. */
function shownHours(grid: CoverageCell[][]): number[] {
  const used = (hour: number) => grid.some((day) => day[hour]!.level !== null || day[hour]!.staff > 0);
  let first = 0;
  while (first < 24 && !used(first)) first += 1;
  let last = 23;
  while (last > first && !used(last)) last -= 1;
  if (first === 24) return [];
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

/**
 * The heat grid: a real table, days as columns and hours as rows (it fits a 360 px screen). Each cell
 * carries a symbol and a text for screen readers besides its colour, so colour is never the only sign.
 */
export function CoverageGrid({ grid, caption }: { grid: CoverageCell[][]; dates: string[]; caption: string }) {
  const { t, i18n } = useTranslation('presence');
  const language = lang(i18n.language);
  const hours = shownHours(grid);
  if (hours.length === 0) return <p className="coverage-grid__empty">{t('coverage.noYouthHours')}</p>;
  const describe = (cell: CoverageCell) => {
    const level = cell.level ? t(`coverage.level.${cell.level}`) : t('coverage.level.none');
    const staff = cell.staff > 0 ? t('coverage.staffPlanned', { count: cell.staff }) : t('coverage.nobodyPlanned');
    const places = cell.places ? `, ${t('coverage.placesWithGap', { count: cell.places })}` : '';
    return `${t(`coverage.status.${cell.status}`)}: ${level}, ${staff}${places}`;
  };
  return (
    <table className="coverage-grid">
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('coverage.hour')}</th>
          {WEEKDAY_NAMES[language].map((name) => (
            <th scope="col" key={name}>
              <abbr title={name}>{name.slice(0, 2)}</abbr>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {hours.map((hour) => (
          <tr key={hour}>
            <th scope="row">
              {pad(hour)}–{pad(hour + 1)}
            </th>
            {grid.map((day, index) => {
              const cell = day[hour]!;
              return (
                <td key={index} className="coverage-cell" data-status={cell.status} data-level={cell.level ?? 'none'}>
                  <span aria-hidden="true">{t(`coverage.symbol.${cell.status}`)}</span>
                  <span className="visually-hidden">{describe(cell)}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
