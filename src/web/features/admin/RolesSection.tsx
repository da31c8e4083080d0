import { useQuery } from '@tanstack/react-query';
import { Heading, Paragraph, Table, TableBody, TableCell, TableHead, TableHeaderCell, TableRow } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { PageLoading } from '../../components/PageLoading';
import { QueryError } from '../../components/QueryError';
import { rolesQuery } from './queries';
import { TableRegion } from './TableRegion';

/** What each role can see, in the words the server uses, so an administrator picks the least role that will do. */
export function RolesSection() {
  const { t, i18n } = useTranslation('admin');
  const roles = useQuery(rolesQuery());
  const english = i18n.language === 'en';
  return (
    <section aria-labelledby="roles-heading" className="admin-section">
      <Heading level={2} data-size="sm" id="roles-heading">
        {t('roles.heading')}
      </Heading>
      <Paragraph data-size="sm">{t('roles.intro')}</Paragraph>
      {roles.isPending ? (
        <PageLoading />
      ) : roles.isError ? (
        <QueryError error={roles.error} onRetry={() => void roles.refetch()} />
      ) : (
        <TableRegion label={t('roles.tableLabel')}>
          <Table data-size="sm" zebra>
            <TableHead>
              <TableRow>
                <TableHeaderCell>{t('roles.role')}</TableHeaderCell>
                <TableHeaderCell>{t('roles.sees')}</TableHeaderCell>
                <TableHeaderCell>{t('roles.personalData')}</TableHeaderCell>
                <TableHeaderCell>{t('roles.twoFactor')}</TableHeaderCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {roles.data.roles.map((role) => (
                <TableRow key={role.key}>
                  <TableCell>{english ? role.en : role.sv}</TableCell>
                  <TableCell>{english ? role.seesEn : role.seesSv}</TableCell>
                  <TableCell>{role.readsPersonalData ? t('yes') : t('no')}</TableCell>
                  <TableCell>{role.requiresTwoFactor ? t('required') : t('notRequired')}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableRegion>
      )}
    </section>
  );
}
