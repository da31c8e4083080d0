import { Button, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from './format';
import type { WaitingReport } from './outbox';

/**
 * What is waiting on the phone, said in words at the top of the page ("2 rapporter väntar på att
 * skickas"), with each report, and a refusal where the server gave one.
 */
export function Outbox({
  waiting,
  userId,
  online,
  sending,
  onSendNow,
  onRemove,
}: {
  waiting: WaitingReport[];
  userId: string;
  online: boolean;
  sending: boolean;
  onSendNow: () => void;
  onRemove: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('fieldReports');
  const own = waiting.filter((item) => item.userId === userId);
  const others = waiting.length - own.length;
  return (
    <section aria-labelledby="field-outbox-heading" className="field-outbox" data-waiting={own.length > 0 || undefined}>
      <Heading level={2} data-size="xs" id="field-outbox-heading">
        {t('outbox.heading')}
      </Heading>
      <Paragraph role="status" className="field-outbox__count" data-testid="outbox-count">
        {own.length > 0 ? t('outbox.waiting', { count: own.length }) : t('outbox.none')}
      </Paragraph>
      {own.length > 0 ? (
        <ul className="field-outbox__list">
          {own.map((item) => (
            <li key={item.id}>
              <span>{t('outbox.item', { place: item.placeName, time: formatDateTime(item.writtenAt, i18n.language) })}</span>
              {item.refused ? (
                <>
                  <Paragraph data-size="sm" className="field-outbox__refused">
                    {t('outbox.refused', { message: [item.refused.message, ...Object.values(item.refused.fields)].join(' ') })}
                  </Paragraph>
                  <Button variant="tertiary" data-size="sm" onClick={() => onRemove(item.id)}>
                    {t('outbox.remove')}
                  </Button>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {others > 0 ? <Paragraph data-size="sm">{t('outbox.otherUser')}</Paragraph> : null}
      {own.some((item) => !item.refused) && online ? (
        <Button variant="secondary" onClick={onSendNow} disabled={sending} aria-busy={sending || undefined}>
          {t('outbox.sendNow')}
        </Button>
      ) : null}
    </section>
  );
}
