import { Alert, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';

/**
 * Confirms that an invitation went out. The link itself goes by e-mail to the address and is never
 * shown here: whoever holds it could set the account's password.
 */
export function InvitationSent({ name, email, again = false }: { name: string; email: string; again?: boolean }) {
  const { t } = useTranslation('admin');
  return (
    <Alert data-color="success" role="status">
      <Paragraph data-size="sm">{again ? t('invitation.sentAgain', { email }) : t('invitation.sent', { name, email })}</Paragraph>
    </Alert>
  );
}
