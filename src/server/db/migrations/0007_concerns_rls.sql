-- Row-level security on the concern channel's tenant-owned tables, and the one tenant-less read:
-- the public status of a concern by the HMAC of its receipt code.
ALTER TABLE concern ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE concern FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON concern
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
-- Lets app_concern_status() find the row when its owner is not a superuser (FORCE applies to owners).
-- It matches only the one row whose receipt hash the function itself has just set.
CREATE POLICY receipt_lookup ON concern FOR SELECT
  USING (receipt_hash = nullif(current_setting('app.receipt_hash', true), ''));
--> statement-breakpoint
ALTER TABLE concern_event ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE concern_event FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON concern_event
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE concern_routing_rule ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE concern_routing_rule FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON concern_routing_rule
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON concern, concern_event, concern_routing_rule, public_rate_limit TO samverka_app;
--> statement-breakpoint
-- The reporter's status page knows a receipt code and nothing else, not even the tenant. This
-- function answers with the channel's own status and nothing about the person: the status, when it
-- last changed, and the feedback only where the reporter had the duty to report. Every other column
-- stays behind row-level security.
CREATE OR REPLACE FUNCTION app_concern_status(p_code_hash text)
RETURNS TABLE (status text, updated_at timestamptz, feedback text)
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
BEGIN
  PERFORM set_config('app.receipt_hash', coalesce(p_code_hash, ''), true);
  RETURN QUERY
    SELECT c.status, c.status_changed_at, CASE WHEN c.reporter_duty_to_report THEN c.feedback END
    FROM concern c
    WHERE c.receipt_hash = p_code_hash;
  PERFORM set_config('app.receipt_hash', '', true);
END $$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_concern_status(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_concern_status(text) TO samverka_app;
