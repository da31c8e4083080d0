import { useRef, useState } from 'react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Heading, Link, Paragraph, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { paths } from '../../app/paths';
import { roleName } from '../../app/role-names';
import {
  adminUserSchema,
  deactivateUserResultSchema,
  invitationSentSchema,
  membershipInputSchema,
  membershipSchema,
  type AdminUser,
  type Membership,
  type MembershipInput,
} from '../../../shared/users';
import { AppForm, SubmitButton, useAppForm } from '../../components/form';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useSession } from '../../api/session';
import { adminKeys, userQuery } from './queries';
import { SelectField } from './SelectField';
import { roleOptions, useOrganisationOptions } from './InviteSection';
import { InvitationSent } from './InvitationSent';
import { ActiveTag } from './OrganisationsSection';
import { UserStatus } from './UsersSection';
import './admin.css';

type Options = { value: string; label: string }[];

/** One user: their memberships in this tenant (change, deactivate, add), a new invitation link, deactivation. */
export default function UserPage() {
  const { t } = useTranslation('admin');
  const { userId = '' } = useParams();
  const user = useQuery(userQuery(userId));
  const { options, query: organisations } = useOrganisationOptions();
  return (
    <Page title={user.data?.name ?? t('user.title')}>
      <Link asChild>
        <RouterLink to={paths.admin}>{t('back')}</RouterLink>
      </Link>
      {user.isPending || organisations.isPending ? (
        <PageLoading />
      ) : user.isError ? (
        <QueryError error={user.error} onRetry={() => void user.refetch()} />
      ) : organisations.isError ? (
        <QueryError error={organisations.error} onRetry={() => void organisations.refetch()} />
      ) : (
        <UserDetails user={user.data} organisationOptions={options} />
      )}
    </Page>
  );
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: adminKeys.all });
}

function UserDetails({ user, organisationOptions }: { user: AdminUser; organisationOptions: Options }) {
  const { t } = useTranslation('admin');
  // Once confirmed, the section stays to say what was done (and hold focus), though the user is no longer active.
  const [deactivated, setDeactivated] = useState(false);
  return (
    <>
      <Paragraph>
        {user.email} · <UserStatus user={user} />
      </Paragraph>
      <section aria-labelledby="memberships-heading" className="admin-section">
        <Heading level={2} data-size="sm" id="memberships-heading">
          {t('users.memberships')}
        </Heading>
        {user.memberships.length === 0 ? (
          <EmptyState title={t('users.noMemberships')}>{t('user.noMembershipsHelp')}</EmptyState>
        ) : (
          <ul className="card-list">
            {user.memberships.map((membership) => (
              <li key={membership.id}>
                <MembershipCard userName={user.name} membership={membership} organisationOptions={organisationOptions} />
              </li>
            ))}
          </ul>
        )}
        {user.abilities.addMembership && <AddMembership user={user} organisationOptions={organisationOptions} />}
      </section>
      {(user.pending || !user.passwordSet) && user.active && user.abilities.resendInvitation && <NewInvitation user={user} />}
      {((user.active && user.abilities.deactivateUser) || deactivated) && <DeactivateUser user={user} done={deactivated} onDone={() => setDeactivated(true)} />}
    </>
  );
}

/** Keep the membership's own organisation selectable even when it is inactive. */
function withCurrent(options: Options, membership: Membership): Options {
  return options.some((option) => option.value === membership.organisationId) ? options : [{ value: membership.organisationId, label: membership.organisationName }, ...options];
}

/** One role: change it; deactivating it asks first, naming whom and what they lose; reactivating does not. */
function MembershipCard({ userName, membership, organisationOptions }: { userName: string; membership: Membership; organisationOptions: Options }) {
  const { t, i18n } = useTranslation('admin');
  const refresh = useRefresh();
  const formId = `membership-${membership.id}`;
  const form = useAppForm(membershipInputSchema, { defaultValues: { organisationId: membership.organisationId, role: membership.role } });
  const save = useMutation({
    mutationFn: (values: MembershipInput) => api(`/api/admin/memberships/${membership.id}`, { method: 'PATCH', body: values, schema: membershipSchema }),
    onSuccess: refresh,
  });
  const [confirming, setConfirming] = useState(false);
  const [deactivated, setDeactivated] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const toggle = useMutation({
    mutationFn: (action: 'deactivate' | 'reactivate') => api(`/api/admin/memberships/${membership.id}/${action}`, { method: 'POST', schema: membershipSchema }),
    onSuccess: async (_result, action) => {
      setDeactivated(action === 'deactivate');
      setConfirming(false);
      await refresh();
    },
  });
  const role = roleName(membership.role, i18n.language);
  const heading = `${role}, ${membership.organisationName}`;
  return (
    <Card data-color="neutral" className="stack">
      <Heading level={3} data-size="2xs" id={`${formId}-heading`}>
        {heading} <ActiveTag active={membership.active} />{' '}
        {membership.pending && membership.active && (
          <Tag data-color="warning" data-size="sm">
            {t('invitation.pending')}
          </Tag>
        )}
      </Heading>
      {membership.pending && membership.active && <Paragraph data-size="sm">{t('invitation.pendingHelp')}</Paragraph>}
      {membership.abilities.update && (
        <AppForm id={formId} form={form} onSubmit={(values) => save.mutateAsync(values)} aria-labelledby={`${formId}-heading`}>
          <div className="form-row">
            <SelectField name="organisationId" label={t('users.organisation')} options={withCurrent(organisationOptions, membership)} />
            <SelectField name="role" label={t('users.role')} options={roleOptions(i18n.language)} />
          </div>
          <SubmitButton variant="secondary">{t('user.saveMembership')}</SubmitButton>
        </AppForm>
      )}
      <div className="button-list">
        {membership.active && membership.abilities.deactivate && (
          <Button
            ref={opener}
            variant="secondary"
            data-color="danger"
            data-size="sm"
            onClick={() => {
              toggle.reset();
              setConfirming(true);
            }}
          >
            {t('user.deactivateMembership')}
          </Button>
        )}
        {!membership.active && membership.abilities.reactivate && (
          <Button variant="secondary" data-size="sm" aria-busy={toggle.isPending || undefined} onClick={() => toggle.mutate('reactivate')}>
            {t('user.reactivateMembership')}
          </Button>
        )}
      </div>
      {/* A failed reactivation shows here; a failed deactivation in its dialog. */}
      {toggle.isError && !confirming ? <QueryError error={toggle.error} /> : null}
      {/* Always on the page, so the confirmation is announced; it takes focus once the button pressed is gone. */}
      <Paragraph ref={status} role="status" tabIndex={-1} data-size="sm">
        {deactivated ? t('user.deactivateMembershipConfirm.done', { name: userName, role: heading }) : save.isSuccess ? t('saved') : null}
      </Paragraph>
      <ConfirmDialog
        open={confirming}
        title={t('user.deactivateMembershipConfirm.title', { role: heading })}
        confirmLabel={t('user.deactivateMembershipConfirm.confirm')}
        cancelLabel={t('user.deactivateMembershipConfirm.cancel')}
        pending={toggle.isPending}
        error={toggle.isError ? <QueryError error={toggle.error} /> : null}
        onConfirm={() => toggle.mutate('deactivate')}
        onCancel={() => setConfirming(false)}
        focusAfterClose={() => (deactivated ? status.current : opener.current)}
      >
        <Paragraph>{t('user.deactivateMembershipConfirm.consequence', { name: userName, role, organisation: membership.organisationName })}</Paragraph>
      </ConfirmDialog>
    </Card>
  );
}

function AddMembership({ user, organisationOptions }: { user: AdminUser; organisationOptions: Options }) {
  const { t, i18n } = useTranslation('admin');
  const refresh = useRefresh();
  const form = useAppForm(membershipInputSchema, { defaultValues: { organisationId: organisationOptions[0]?.value ?? '', role: 'handlaggare' } });
  const add = useMutation({
    mutationFn: (values: MembershipInput) => api(`/api/admin/users/${encodeURIComponent(user.id)}/memberships`, { method: 'POST', body: values, schema: membershipSchema }),
    onSuccess: refresh,
  });
  return (
    <div className="stack">
      <Heading level={3} data-size="xs" id="add-membership-heading">
        {t('user.addMembership')}
      </Heading>
      <AppForm id="add-membership" form={form} onSubmit={(values) => add.mutateAsync(values)} aria-labelledby="add-membership-heading">
        <div className="form-row">
          <SelectField name="organisationId" label={t('users.organisation')} options={organisationOptions} />
          <SelectField name="role" label={t('users.role')} options={roleOptions(i18n.language)} />
        </div>
        <SubmitButton variant="secondary">{t('user.addMembership')}</SubmitButton>
      </AppForm>
    </div>
  );
}

function NewInvitation({ user }: { user: AdminUser }) {
  const { t } = useTranslation('admin');
  const resend = useMutation({
    mutationFn: () => api(`/api/admin/users/${encodeURIComponent(user.id)}/invitation`, { method: 'POST', schema: invitationSentSchema }),
  });
  return (
    <section aria-labelledby="invitation-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="invitation-heading">
        {t('user.invitationHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('user.invitationHelp')}</Paragraph>
      <div>
        <Button variant="secondary" aria-busy={resend.isPending || undefined} onClick={() => resend.mutate()}>
          {t('user.newInvitation')}
        </Button>
      </div>
      {resend.isError && <QueryError error={resend.error} />}
      {resend.isSuccess && <InvitationSent name={user.name} email={user.email} again />}
    </section>
  );
}

/** "Stäng av": a dialog names the person, the roles they lose and what stays, and asks before it is done. */
function DeactivateUser({ user, done, onDone }: { user: AdminUser; done: boolean; onDone: () => void }) {
  const { t, i18n } = useTranslation('admin');
  const refresh = useRefresh();
  const { data: session } = useSession();
  const [confirming, setConfirming] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const status = useRef<HTMLParagraphElement>(null);
  const deactivate = useMutation({
    mutationFn: () => api(`/api/admin/users/${encodeURIComponent(user.id)}/deactivate`, { method: 'POST', schema: deactivateUserResultSchema }),
    onSuccess: async () => {
      onDone();
      setConfirming(false);
      await refresh();
    },
  });
  const roles = user.memberships.filter((membership) => membership.active).map((membership) => `${roleName(membership.role, i18n.language)}, ${membership.organisationName}`);
  return (
    <section aria-labelledby="deactivate-user-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="deactivate-user-heading">
        {t('user.deactivateHeading')}
      </Heading>
      <Paragraph data-size="sm">{t('user.deactivateHelp')}</Paragraph>
      {!done && (
        <div>
          <Button
            ref={opener}
            variant="secondary"
            data-color="danger"
            onClick={() => {
              deactivate.reset();
              setConfirming(true);
            }}
          >
            {t('user.deactivate', { name: user.name })}
          </Button>
        </div>
      )}
      {/* Always on the page, so the confirmation is announced; it takes focus once the button is gone. */}
      <Paragraph ref={status} role="status" tabIndex={-1} data-size="sm">
        {done ? t('user.deactivatedStatus', { name: user.name }) : null}
      </Paragraph>
      <ConfirmDialog
        open={confirming}
        title={t('user.deactivateConfirm.title', { name: user.name })}
        confirmLabel={t('user.deactivateConfirm.confirm', { name: user.name })}
        cancelLabel={t('user.deactivateConfirm.cancel')}
        pending={deactivate.isPending}
        error={deactivate.isError ? <QueryError error={deactivate.error} /> : null}
        onConfirm={() => deactivate.mutate()}
        onCancel={() => setConfirming(false)}
        focusAfterClose={() => (done || deactivate.isSuccess ? status.current : opener.current)}
      >
        <Paragraph>{t('user.deactivateConfirm.consequence', { name: user.name, tenant: session?.active?.tenantName ?? '' })}</Paragraph>
        {roles.length > 0 && (
          <>
            <Paragraph>{t('user.deactivateConfirm.roles', { count: roles.length })}</Paragraph>
            <ul>
              {roles.map((role) => (
                <li key={role}>{role}</li>
              ))}
            </ul>
          </>
        )}
        <Paragraph>{t('user.deactivateConfirm.keep')}</Paragraph>
      </ConfirmDialog>
    </section>
  );
}
