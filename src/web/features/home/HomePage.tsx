import { Link as RouterLink } from 'react-router';
import { Card, Heading, Paragraph } from '@digdir/designsystemet-react';
import { useTranslation } from 'react-i18next';
import { Page } from '../../components/Page';
import { PageLoading } from '../../components/PageLoading';
import { useSession } from '../../api/session';
import { appRoutes } from '../../app/routes';
import { mayOpen } from '../../app/route-types';
import { roleName } from '../../app/role-names';
import { AttentionCards } from './AttentionCards';

/** Översikt: what needs my attention in my role, and quick links to what my role works with. */
export default function HomePage() {
  const { t, i18n } = useTranslation('home');
  const { data: session } = useSession();
  const active = session?.active;
  if (!session || !active) return <PageLoading />;

  const quickLinks = appRoutes.filter((route) => route.quickLink && mayOpen(route, active.role)).sort((a, b) => a.quickLink!.order - b.quickLink!.order);

  return (
    <Page title={t('title')}>
      <Paragraph data-size="lg">{t('welcome', { name: session.user.name })}</Paragraph>
      <Paragraph>{t('workingAs', { role: roleName(active.role, i18n.language), organisation: active.organisationName, tenant: active.tenantName })}</Paragraph>

      <AttentionCards role={active.role} />

      <section aria-labelledby="quick-links-heading" className="stack">
        <Heading level={2} data-size="sm" id="quick-links-heading">
          {t('quickLinks.heading')}
        </Heading>
        <ul className="card-grid">
          {quickLinks.map((route) => (
            <li key={route.path}>
              <Card asChild data-color="accent" className="quick-link">
                <RouterLink to={route.path}>
                  <Heading level={3} data-size="2xs">
                    {t(route.quickLink!.label as never)}
                  </Heading>
                  <Paragraph data-size="sm">{t(route.quickLink!.description as never)}</Paragraph>
                </RouterLink>
              </Card>
            </li>
          ))}
        </ul>
      </section>
    </Page>
  );
}
