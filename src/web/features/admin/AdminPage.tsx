import { Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { OrganisationsSection } from './OrganisationsSection';
import { UsersSection } from './UsersSection';
import { RolesSection } from './RolesSection';
import { SspfSettingsSection } from './SspfSettingsSection';
import { SuppressionSettingsSection } from './SuppressionSettingsSection';
import { ParticipationLink } from '../housing-exchange/ParticipationLink';
import { ExchangeFederationAdminLink } from '../exchange-federation/AdminLink';
import './admin.css';

/** Administration: the tenant's organisations, its users and their memberships, the SSPF settings, and what each role sees. */
export default function AdminPage() {
  const { t } = useTranslation('admin');
  return (
    <Page title={t('title')} width="wide">
      <Paragraph>{t('intro')}</Paragraph>
      <ExchangeFederationAdminLink />
      <OrganisationsSection />
      <UsersSection />
      <SspfSettingsSection />
      <SuppressionSettingsSection />
      <ParticipationLink />
      <RolesSection />
    </Page>
  );
}
