-- One round trip at the start of every request's transaction: set the user context, find the
-- session's active membership under row-level security, then set the tenant context from it.
-- It runs as the calling role (not SECURITY DEFINER), so RLS applies to its own queries too.
CREATE OR REPLACE FUNCTION app_enter_membership(p_user_id text, p_membership_id uuid)
RETURNS TABLE (
  tenant_id uuid,
  tenant_name text,
  membership_id uuid,
  organisation_id uuid,
  organisation_name text,
  organisation_type text,
  organisation_is_authority boolean,
  role text
)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_tenant uuid;
BEGIN
  PERFORM set_config('app.user_id', p_user_id, true);
  SELECT m.tenant_id INTO v_tenant FROM membership m
    WHERE m.id = p_membership_id AND m.user_id = p_user_id AND m.active;
  PERFORM set_config('app.tenant_id', coalesce(v_tenant::text, ''), true);
  RETURN QUERY
    SELECT m.tenant_id, t.name, m.id, o.id, o.name, o.type, o.is_authority, m.role
    FROM membership m
    JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
    JOIN tenant t ON t.id = m.tenant_id
    WHERE m.id = p_membership_id AND m.user_id = p_user_id AND m.active AND o.active;
END $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_enter_membership(text, uuid) TO samverka_app;
--> statement-breakpoint
-- Before a tenant is chosen, a user lists their own memberships in every tenant, with the names
-- of tenant and organisation. SECURITY DEFINER because organisation rows are tenant-scoped; it
-- answers only for app_current_user(), which the request's transaction sets from the session.
CREATE OR REPLACE FUNCTION app_my_memberships()
RETURNS TABLE (
  membership_id uuid,
  tenant_id uuid,
  tenant_name text,
  organisation_id uuid,
  organisation_name text,
  role text
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.id, m.tenant_id, t.name, o.id, o.name, m.role
  FROM membership m
  JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
  JOIN tenant t ON t.id = m.tenant_id
  WHERE m.user_id = app_current_user() AND m.active AND o.active
  ORDER BY t.name, o.name, m.role
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_my_memberships() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_my_memberships() TO samverka_app;
