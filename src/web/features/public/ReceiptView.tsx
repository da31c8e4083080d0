import { Button, Card, Heading, Link, Paragraph } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { CONCERN_PATHS } from '../../../shared/concerns';
import type { OroT } from './oro-text';

/**
 * The receipt code, shown once: large and spaced so it can be written down or read aloud over the
 * phone, with what happens next and by when.
 */
export function ReceiptView({ t, code, track, onAnother }: { t: OroT; code: string; track: 'person' | 'place'; onAnother: () => void }) {
  return (
    <div className="stack" role="status">
      <Heading level={2} data-size="md">
        {t('receipt.heading')}
      </Heading>
      <Card data-color="success" variant="tinted">
        <Paragraph>{t('receipt.codeLabel')}</Paragraph>
        <p className="oro-receipt__code" lang="en" data-testid="receipt-code">
          {code}
        </p>
        <Paragraph data-size="sm">{t('receipt.codeHelp')}</Paragraph>
      </Card>
      <Paragraph>
        <Link asChild>
          <RouterLink to={CONCERN_PATHS.publicStatus}>{t('receipt.statusLink')}</RouterLink>
        </Link>
      </Paragraph>
      <Heading level={2} data-size="sm">
        {t('receipt.nextHeading')}
      </Heading>
      {track === 'person' ? (
        <ul>
          <li>{t('receipt.nextAssessment')}</li>
          <li>{t('receipt.nextDecision')}</li>
        </ul>
      ) : (
        <Paragraph>{t('receipt.nextPlace')}</Paragraph>
      )}
      <div>
        <Button type="button" variant="secondary" onClick={onAnother}>
          {t('receipt.another')}
        </Button>
      </div>
    </div>
  );
}
