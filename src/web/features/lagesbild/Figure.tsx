import { useTranslation } from 'react-i18next';
import { Paragraph } from '@digdir/designsystemet-react';
import { describeCell, formatCell, suppressionLegend } from '../../../shared/suppression';
import type { Figure as FigureValue } from '../../../shared/lagesbild';

export const lang = (language: string) => (language === 'en' ? 'en' : 'sv');

/**
 * One figure as the server sent it: "14", or hidden as "< 5" / "x". A hidden figure carries its meaning
 * in words for screen readers ("färre än 5"), and the page explains the signs once (SuppressionNote).
 */
export function Figure({ value }: { value: FigureValue }) {
  const { i18n } = useTranslation();
  const language = lang(i18n.language);
  if (value.kind === 'value') return <>{formatCell(value, language)}</>;
  return (
    <span className="lagesbild-suppressed" data-suppressed={value.below === null ? 'x' : 'below'}>
      <span aria-hidden="true">{formatCell(value, language)}</span>
      <span className="visually-hidden">{describeCell(value, language)}</span>
    </span>
  );
}

/** The figure as plain text (for SVG titles and sentences). */
export function figureText(value: FigureValue, language: string): string {
  return describeCell(value, lang(language));
}

/** A number to draw with; a hidden figure is not drawn (null). */
export const drawable = (value: FigureValue): number | null => (value.kind === 'value' ? value.value : null);

/** What "< k" and "x" mean, shown wherever suppressed figures are. */
export function SuppressionNote({ k }: { k: number }) {
  const { t, i18n } = useTranslation('lagesbild');
  return (
    <div className="lagesbild-suppression-note" role="note">
      <Paragraph data-size="sm">
        <strong>{t('suppression.heading')}</strong> {suppressionLegend(k, lang(i18n.language))} {t('suppression.why', { k })}
      </Paragraph>
    </div>
  );
}
