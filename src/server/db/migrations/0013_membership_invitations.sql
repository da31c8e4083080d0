-- An account (a person's sign-in) is global; a membership is per tenant. A tenant's administrator
-- may invite an address that already has an account in another tenant, but must never gain that
-- account's credentials (issue 10). Such an invitation is a PENDING membership: it grants nothing
-- until the person accepts it, signed in with their own credentials. `accepted_at` is null while
-- pending; `invited_name` is the name the inviting administrator typed, which is what that tenant
-- sees of a pending invitee (never the account's own name, which another tenant may have set).
-- Accepted by default: only the invitation path writes a pending (null) one explicitly.
ALTER TABLE "membership" ADD COLUMN "accepted_at" timestamp with time zone DEFAULT now();
--> statement-breakpoint
ALTER TABLE "membership" ADD COLUMN "invited_name" text;
--> statement-breakpoint
UPDATE "membership" SET "accepted_at" = "created_at";
--> statement-breakpoint
-- A pending membership is never entered: the same function as before, plus `accepted_at IS NOT NULL`.
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
    WHERE m.id = p_membership_id AND m.user_id = p_user_id AND m.active AND m.accepted_at IS NOT NULL;
  PERFORM set_config('app.tenant_id', coalesce(v_tenant::text, ''), true);
  RETURN QUERY
    SELECT m.tenant_id, t.name, m.id, o.id, o.name, o.type, o.is_authority, m.role
    FROM membership m
    JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
    JOIN tenant t ON t.id = m.tenant_id
    WHERE m.id = p_membership_id AND m.user_id = p_user_id AND m.active AND m.accepted_at IS NOT NULL AND o.active;
END $$;
--> statement-breakpoint
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
  WHERE m.user_id = app_current_user() AND m.active AND m.accepted_at IS NOT NULL AND o.active
  ORDER BY t.name, o.name, m.role
$$;
--> statement-breakpoint
-- The signed-in user's own invitations waiting for an answer, in every tenant. SECURITY DEFINER
-- for the same reason as app_my_memberships: organisation rows are tenant-scoped.
CREATE OR REPLACE FUNCTION app_my_invitations()
RETURNS TABLE (
  membership_id uuid,
  tenant_id uuid,
  tenant_name text,
  organisation_id uuid,
  organisation_name text,
  role text,
  invited_at timestamp with time zone
)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT m.id, m.tenant_id, t.name, o.id, o.name, m.role, m.created_at
  FROM membership m
  JOIN organisation o ON o.tenant_id = m.tenant_id AND o.id = m.organisation_id
  JOIN tenant t ON t.id = m.tenant_id
  WHERE m.user_id = app_current_user() AND m.active AND m.accepted_at IS NULL AND o.active
  ORDER BY m.created_at, t.name
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_my_invitations() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_my_invitations() TO samverka_app;
--> statement-breakpoint
-- The one question an administrator may ask about the global account behind a membership here:
-- does this tenant alone govern it? True only when every membership the account has, or has had,
-- is in the caller's current tenant. Only then may the tenant act on the account's credentials
-- (password links, reactivation, global deactivation). Row-level security hides the other tenants'
-- memberships, so this SECURITY DEFINER function answers only that yes/no, and only about a user
-- who holds a membership in the caller's tenant.
CREATE OR REPLACE FUNCTION app_account_governed_here(p_user_id text) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT app_current_tenant() IS NOT NULL
    AND EXISTS (SELECT 1 FROM membership m WHERE m.user_id = p_user_id AND m.tenant_id = app_current_tenant())
    AND NOT EXISTS (SELECT 1 FROM membership m WHERE m.user_id = p_user_id AND m.tenant_id <> app_current_tenant())
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_account_governed_here(text) FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_account_governed_here(text) TO samverka_app;
--> statement-breakpoint
-- Replaced by app_account_governed_here: "active elsewhere" let a tenant deactivate an account that
-- another tenant had only switched off for now, and told it whether the person worked elsewhere.
DROP FUNCTION IF EXISTS app_user_active_elsewhere(text);
