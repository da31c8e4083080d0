import { Button, Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sessionInfoSchema, type InvitationChoice } from '../../../shared/session';
import { api } from '../../api/client';
import { sessionKeys } from '../../api/session';
import { QueryError } from '../../components/QueryError';
import { roleName } from '../../app/role-names';

type Answer = 'accept' | 'decline';

/**
 * Invitations from another tenant that the signed-in person answers themself: a role there grants
 * nothing until they accept it, so no administrator elsewhere can put them to work unseen.
 */
export function PendingInvitations({ invitations }: { invitations: InvitationChoice[] }) {
  const { t, i18n } = useTranslation('auth');
  const queryClient = useQueryClient();
  const answer = useMutation({
    mutationFn: ({ membershipId, verb }: { membershipId: string; verb: Answer }) =>
      api(`/api/session/invitations/${membershipId}/${verb}`, { method: 'POST', schema: sessionInfoSchema }),
    onSuccess: (info) => queryClient.setQueryData(sessionKeys.all, info),
  });
  if (invitations.length === 0) {
    return answer.isSuccess ? (
      <Paragraph role="status" data-size="sm">
        {t('choose.answered')}
      </Paragraph>
    ) : null;
  }
  return (
    <section className="stack" aria-labelledby="invitations-heading">
      <Heading level={2} data-size="xs" id="invitations-heading">
        {t('choose.invitationsHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('choose.invitationsIntro')}</Paragraph>
      {answer.isError && <QueryError error={answer.error} />}
      <ul className="card-grid">
        {invitations.map((invitation) => {
          const names = { role: roleName(invitation.role, i18n.language), organisation: invitation.organisationName, tenant: invitation.tenantName };
          const busy = (verb: Answer) => (answer.isPending && answer.variables?.membershipId === invitation.membershipId && answer.variables.verb === verb) || undefined;
          return (
            <li key={invitation.membershipId}>
              <Card data-color="warning" className="membership-card">
                <Heading level={3} data-size="2xs">
                  {names.role}
                </Heading>
                <Paragraph data-size="sm">
                  {invitation.organisationName}, {invitation.tenantName}
                </Paragraph>
                <div className="button-list">
                  <Button data-size="sm" aria-busy={busy('accept')} aria-label={t('choose.acceptLabel', names)} onClick={() => answer.mutate({ membershipId: invitation.membershipId, verb: 'accept' })}>
                    {t('choose.accept')}
                  </Button>
                  <Button variant="secondary" data-size="sm" aria-busy={busy('decline')} aria-label={t('choose.declineLabel', names)} onClick={() => answer.mutate({ membershipId: invitation.membershipId, verb: 'decline' })}>
                    {t('choose.decline')}
                  </Button>
                </div>
              </Card>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
