import { useEffect } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button, Card, Heading, Paragraph, Tag } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import type { MembershipChoice } from '../../../shared/session';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { useChooseMembership, useSession } from '../../api/session';
import { safeNext } from '../../app/RouteGate';
import { roleName } from '../../app/role-names';
import { paths } from '../../app/paths';
import { PendingInvitations } from './PendingInvitations';

/**
 * Which collaboration area (tenant), organisation and role to work as. Reached after sign-in when the
 * user has several memberships, and from the user menu. With exactly one, it is chosen without asking.
 */
export default function ChooseMembershipPage() {
  const { t, i18n } = useTranslation('auth');
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const navigate = useNavigate();
  const { data: session } = useSession();
  const choose = useChooseMembership();
  // With exactly one role and nothing to answer, it is chosen without asking.
  const only = session && !session.active && session.memberships.length === 1 && session.invitations.length === 0 ? session.memberships[0] : undefined;

  const pick = (membership: MembershipChoice) => choose.mutate(membership.membershipId, { onSuccess: () => void navigate(next, { replace: true }) });

  useEffect(() => {
    if (only && choose.isIdle) pick(only);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- choose once, when the single membership is known
  }, [only?.membershipId]);

  if (!session) return <Navigate to={paths.signIn} replace />;
  if (only && !choose.isError) return <PageLoading />;

  const groups = groupByTenant(session.memberships);
  return (
    <Page title={t('choose.title')}>
      <PendingInvitations invitations={session.invitations} />
      {session.memberships.length === 0 ? (
        <EmptyState title={t('choose.noneTitle')} headingLevel={2}>
          {t('choose.noneBody')}
        </EmptyState>
      ) : (
        <>
          <Paragraph>{t('choose.intro')}</Paragraph>
          {choose.isError && <QueryError error={choose.error} />}
          {groups.map(([tenantName, memberships]) => (
            <section key={tenantName} className="stack" aria-labelledby={`tenant-${memberships[0]!.tenantId}`}>
              <Heading level={2} data-size="xs" id={`tenant-${memberships[0]!.tenantId}`}>
                {tenantName}
              </Heading>
              <ul className="card-grid">
                {memberships.map((membership) => {
                  const current = session.active?.membershipId === membership.membershipId;
                  return (
                    <li key={membership.membershipId}>
                      <Card variant={current ? 'tinted' : 'default'} className="membership-card">
                        <Heading level={3} data-size="2xs">
                          {roleName(membership.role, i18n.language)}
                        </Heading>
                        <Paragraph data-size="sm">{membership.organisationName}</Paragraph>
                        {current ? (
                          <Tag data-color="accent">{t('choose.current')}</Tag>
                        ) : (
                          <Button
                            variant="primary"
                            data-size="sm"
                            onClick={() => pick(membership)}
                            aria-busy={(choose.isPending && choose.variables === membership.membershipId) || undefined}
                            aria-label={t('choose.chooseLabel', {
                              role: roleName(membership.role, i18n.language),
                              organisation: membership.organisationName,
                              tenant: membership.tenantName,
                            })}
                          >
                            {t('choose.choose')}
                          </Button>
                        )}
                      </Card>
                    </li>
                  );
                })}
              </ul>
            </section>
          ))}
        </>
      )}
    </Page>
  );
}

function groupByTenant(memberships: MembershipChoice[]): Array<[string, MembershipChoice[]]> {
  const groups = new Map<string, MembershipChoice[]>();
  for (const membership of memberships) {
    const list = groups.get(membership.tenantName) ?? [];
    list.push(membership);
    groups.set(membership.tenantName, list);
  }
  return [...groups];
}
