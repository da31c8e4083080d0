import { useQuery } from '@tanstack/react-query';
import { Heading, Link, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow, Tag } from '@digdir/designsystemet-react';
import { Link as RouterLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AdminUser } from '../../../shared/users';
import { roleName } from '../../app/role-names';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { EmptyState } from '../../components/EmptyState';
import { adminPaths, usersQuery } from './queries';
import { InviteSection } from './InviteSection';
import { TableRegion } from './TableRegion';

export function UsersSection() {
  const { t } = useTranslation('admin');
  const users = useQuery(usersQuery());
  return (
    <section aria-labelledby="users-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="users-heading">
        {t('users.heading')}
      </Heading>
      {users.isPending ? (
        <PageLoading />
      ) : users.isError ? (
        <QueryError error={users.error} onRetry={() => void users.refetch()} />
      ) : (
        <>
          {users.data.users.length === 0 ? (
            <EmptyState title={t('users.emptyTitle')}>{t('users.empty')}</EmptyState>
          ) : (
            <TableRegion label={t('users.tableLabel')}>
              <Table zebra data-size="sm">
                <TableHead>
                  <TableRow>
                    <TableHeaderCell>{t('users.name')}</TableHeaderCell>
                    <TableHeaderCell>{t('users.email')}</TableHeaderCell>
                    <TableHeaderCell>{t('users.memberships')}</TableHeaderCell>
                    <TableHeaderCell>{t('users.status')}</TableHeaderCell>
                  </TableRow>
                </TableHead>
                <TableBody>
                  {users.data.users.map((user) => (
                    <UserRow key={user.id} user={user} />
                  ))}
                </TableBody>
              </Table>
            </TableRegion>
          )}
          {users.data.abilities.invite && <InviteSection />}
        </>
      )}
    </section>
  );
}

function UserRow({ user }: { user: AdminUser }) {
  const { t, i18n } = useTranslation('admin');
  return (
    <TableRow>
      <TableCell>
        <Link asChild>
          <RouterLink to={adminPaths.user(user.id)}>{user.name}</RouterLink>
        </Link>
      </TableCell>
      <TableCell>{user.email}</TableCell>
      <TableCell>
        {user.memberships.length === 0
          ? t('users.noMemberships')
          : user.memberships.map((membership) => (
              <div key={membership.id}>
                {roleName(membership.role, i18n.language)}, {membership.organisationName}
                {!membership.active && ` (${t('inactive').toLowerCase()})`}
              </div>
            ))}
      </TableCell>
      <TableCell>
        <UserStatus user={user} />
      </TableCell>
    </TableRow>
  );
}

export function UserStatus({ user }: { user: AdminUser }) {
  const { t } = useTranslation('admin');
  if (!user.active) return <Tag data-color="neutral" data-size="sm">{t('users.deactivated')}</Tag>;
  if (!user.passwordSet) return <Tag data-color="warning" data-size="sm">{t('users.invited')}</Tag>;
  return <Tag data-color="success" data-size="sm">{t('active')}</Tag>;
}
