-- Row-level security on the SSPF tables: every row belongs to one tenant and is seen only inside it.
-- The application's own policy layer (the lawful-sharing engine) decides, within the tenant, which
-- team member sees which section; this is the second wall behind it.
ALTER TABLE sspf_setting ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sspf_setting FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON sspf_setting
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE consent ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consent FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON consent
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE consent_party ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consent_party FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON consent_party
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE consent_document ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE consent_document FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON consent_document
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE sspf_case ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sspf_case FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON sspf_case
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE case_member ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_member FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_member
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE case_guardian ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_guardian FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_guardian
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE case_factor ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_factor FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_factor
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE case_goal ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_goal FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_goal
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE case_action ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_action FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_action
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE case_meeting ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_meeting FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_meeting
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE case_event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE case_event FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON case_event
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE reminder_notice ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE reminder_notice FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON reminder_notice
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE retention_run ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE retention_run FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON retention_run
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sspf_setting, consent, consent_party, consent_document, sspf_case, case_member, case_guardian, case_factor, case_goal, case_action, case_meeting, case_event, reminder_notice, retention_run TO samverka_app;
