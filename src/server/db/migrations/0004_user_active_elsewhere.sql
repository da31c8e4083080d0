-- An administrator deactivates a user's whole account only when the user works in no other tenant;
-- otherwise only the memberships in the administrator's own tenant. Row-level security hides the
-- other tenants' memberships, so this SECURITY DEFINER function answers the one yes/no question,
-- and only about a user who holds a membership in the caller's current tenant.
CREATE OR REPLACE FUNCTION app_user_active_elsewhere(p_user_id text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT app_current_tenant() IS NOT NULL
    AND EXISTS (SELECT 1 FROM membership m WHERE m.user_id = p_user_id AND m.tenant_id = app_current_tenant())
    AND EXISTS (
      SELECT 1 FROM membership m
      JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
      WHERE m.user_id = p_user_id AND m.tenant_id <> app_current_tenant() AND m.active AND o.active
    )
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_user_active_elsewhere(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_user_active_elsewhere(text) TO samverka_app;
