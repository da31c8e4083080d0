-- Row-level security on the notification and association tables. A notification is private to its
-- user even inside the tenant: a user reads and marks only their own. Anyone acting in the tenant
-- (a request, the deadline job) may create one for a member of it.
ALTER TABLE notification ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notification FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY notification_own_read ON notification FOR SELECT
  USING (tenant_id = app_current_tenant() AND user_id = app_current_user());
--> statement-breakpoint
CREATE POLICY notification_own_update ON notification FOR UPDATE
  USING (tenant_id = app_current_tenant() AND user_id = app_current_user())
  WITH CHECK (tenant_id = app_current_tenant() AND user_id = app_current_user());
--> statement-breakpoint
CREATE POLICY notification_tenant_insert ON notification FOR INSERT
  WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE inbox_subscription ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE inbox_subscription FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON inbox_subscription
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE email_outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE email_outbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON email_outbox
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE deadline_notice ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE deadline_notice FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON deadline_notice
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE association_reporting_contact ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE association_reporting_contact FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON association_reporting_contact
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
-- notification has no DELETE policy: the application cannot delete one (they go with their user, by cascade).
GRANT SELECT, INSERT, UPDATE, DELETE ON notification, email_outbox, inbox_subscription, deadline_notice, association_reporting_contact TO samverka_app;
