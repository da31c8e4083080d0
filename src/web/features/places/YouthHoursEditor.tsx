import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { QueryError } from '../../components/QueryError';
import { HOURS, WEEKDAYS, youthHoursSchema, type YouthHours } from '../../../shared/places';
import { placeKeys } from './queries';
import { hourRange } from './labels';
import { gridOf, hoursOf, LEVEL_ORDER, nextLevel, runsOf, type Level, type WeekGrid } from './youth-runs';

/**
 * Ungdomstider as a grid: days as columns, hours as rows (fits 360 px). One cell is in the tab order
 * at a time (a roving tabindex): arrows move, space or enter steps the level, 0–3 sets it. Each cell
 * says its day, hour and level in words; the levels are letters as well as colours. Below, the same
 * week in words.
 */
export function YouthHoursEditor({ placeId, youth }: { placeId: string; youth: YouthHours }) {
  const { t } = useTranslation('places');
  const queryClient = useQueryClient();
  const [grid, setGrid] = useState<WeekGrid>(() => gridOf(youth.hours));
  const [focus, setFocus] = useState<{ day: number; hour: number }>({ day: 4, hour: 20 });
  const [dirty, setDirty] = useState(false);
  const cells = useRef(new Map<string, HTMLButtonElement>());
  const moved = useRef(false);
  const editable = youth.abilities.set_youth_hours === true;

  useEffect(() => {
    if (!moved.current) return;
    moved.current = false;
    cells.current.get(`${focus.day}-${focus.hour}`)?.focus();
  }, [focus]);

  const save = useMutation({
    mutationFn: () => api(`/api/places/${placeId}/youth-hours`, { method: 'PUT', body: { hours: hoursOf(grid) }, schema: youthHoursSchema }),
    onSuccess: async (saved) => {
      setDirty(false);
      queryClient.setQueryData(placeKeys.youthHours(placeId), saved);
      await queryClient.invalidateQueries({ queryKey: placeKeys.all });
    },
  });

  const setLevel = (day: number, hour: number, level: Level) => {
    if (!editable) return;
    setGrid((current) => current.map((levels, d) => (d === day ? levels.map((l, h) => (h === hour ? level : l)) : levels)));
    setDirty(true);
    save.reset();
  };

  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>, day: number, hour: number) => {
    const moves: Record<string, [number, number]> = { ArrowUp: [0, -1], ArrowDown: [0, 1], ArrowLeft: [-1, 0], ArrowRight: [1, 0] };
    const move = moves[event.key];
    if (move) {
      event.preventDefault();
      moved.current = true;
      setFocus({ day: Math.min(6, Math.max(0, day + move[0])), hour: Math.min(23, Math.max(0, hour + move[1])) });
      return;
    }
    if (event.key === 'Home' || event.key === 'End') {
      event.preventDefault();
      moved.current = true;
      setFocus({ day, hour: event.key === 'Home' ? 0 : 23 });
      return;
    }
    const digit = ['0', '1', '2', '3'].indexOf(event.key);
    if (digit >= 0) {
      event.preventDefault();
      setLevel(day, hour, LEVEL_ORDER[digit]!);
    }
  };

  const dayName = (weekday: number) => t(`weekdays.${weekday as 1}`);
  const levelName = (level: Level) => t(`youth.levels.${level}`);
  const runs = runsOf(grid);

  return (
    <section className="place-section" aria-labelledby="youth-heading">
      <Heading level={2} data-size="sm" id="youth-heading">
        {t('youth.heading')}
      </Heading>
      {editable && (
        <Paragraph data-size="sm" id="youth-help">
          {t('youth.help')}
        </Paragraph>
      )}
      <ul className="youth-legend" aria-label={t('youth.legend')}>
        {LEVEL_ORDER.map((level) => (
          <li key={level}>
            <span className="youth-cell" data-level={level} aria-hidden="true">
              {t(`youth.short.${level}`)}
            </span>{' '}
            {levelName(level)}
          </li>
        ))}
      </ul>
      <table className="youth-grid" role="grid" aria-label={t('youth.gridLabel')} aria-describedby={editable ? 'youth-help' : undefined} aria-readonly={!editable || undefined}>
        <thead>
          <tr>
            <th scope="col">
              <span className="visually-hidden">{t('youth.hour')}</span>
            </th>
            {WEEKDAYS.map((weekday) => (
              <th scope="col" key={weekday}>
                <abbr title={dayName(weekday)}>{t(`weekdaysShort.${weekday as 1}`)}</abbr>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {HOURS.map((hour) => (
            <tr key={hour}>
              <th scope="row">{String(hour).padStart(2, '0')}</th>
              {WEEKDAYS.map((weekday) => {
                const day = weekday - 1;
                const level = grid[day]![hour]!;
                const isFocus = focus.day === day && focus.hour === hour;
                return (
                  <td key={weekday} role="gridcell">
                    <button
                      type="button"
                      ref={(node) => {
                        if (node) cells.current.set(`${day}-${hour}`, node);
                        else cells.current.delete(`${day}-${hour}`);
                      }}
                      className="youth-cell"
                      data-level={level}
                      data-cell={`${weekday}-${hour}`}
                      tabIndex={isFocus ? 0 : -1}
                      aria-disabled={!editable || undefined}
                      aria-label={t('youth.cell', { day: dayName(weekday), from: String(hour).padStart(2, '0'), to: String(hour + 1).padStart(2, '0'), level: levelName(level) })}
                      onFocus={() => setFocus({ day, hour })}
                      onClick={() => setLevel(day, hour, nextLevel(level))}
                      onKeyDown={(event) => onKeyDown(event, day, hour)}
                    >
                      <span aria-hidden="true">{t(`youth.short.${level}`)}</span>
                    </button>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {editable && (
        <div className="place-section">
          <Button onClick={() => save.mutate()} aria-busy={save.isPending || undefined} disabled={!dirty && !save.isError}>
            {t('youth.save')}
          </Button>
          {save.isError && <QueryError error={save.error} />}
          <Paragraph role="status" data-size="sm">
            {save.isSuccess && !dirty ? t('youth.saved') : ''}
          </Paragraph>
        </div>
      )}
      <Heading level={3} data-size="2xs">
        {t('youth.summary')}
      </Heading>
      {runs.length === 0 ? (
        <Paragraph data-size="sm">{t('youth.summaryEmpty')}</Paragraph>
      ) : (
        <ul className="youth-summary">
          {runs.map((run) => (
            <li key={`${run.weekday}-${run.from}`}>{t('youth.summaryLine', { day: dayName(run.weekday), from: hourRange(run.from, run.to).split('–')[0], to: hourRange(run.from, run.to).split('–')[1], level: levelName(run.level).toLowerCase() })}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
