import { useState } from 'react';
import { Alert, Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { InvitationLink as Invitation } from '../../../shared/users';
import { useFormatters } from '../../i18n/format';

/** The one-time link, shown once, with a copy button: e-mail sending comes later, so the administrator hands it over. */
export function InvitationLink({ invitation, name }: { invitation: Invitation; name: string }) {
  const { t } = useTranslation('admin');
  const format = useFormatters();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(invitation.url);
      setCopied('yes');
    } catch {
      setCopied('failed');
    }
  };
  return (
    <Alert data-color="info">
      <Heading level={3} data-size="xs">
        {t('invitation.heading', { name })}
      </Heading>
      <Paragraph data-size="sm">{t('invitation.explain')}</Paragraph>
      <Paragraph data-size="sm" className="one-time-link" id="invitation-link">
        {invitation.url}
      </Paragraph>
      <Paragraph data-size="sm">{t('invitation.expires', { when: format.dateTime(invitation.expiresAt) })}</Paragraph>
      <div>
        <Button variant="secondary" data-size="sm" onClick={() => void copy()}>
          {t('invitation.copy')}
        </Button>
      </div>
      <Paragraph data-size="sm" role="status">
        {copied === 'yes' ? t('invitation.copied') : copied === 'failed' ? t('invitation.copyFailed') : ''}
      </Paragraph>
    </Alert>
  );
}
