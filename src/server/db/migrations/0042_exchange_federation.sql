-- The housing exchange between installations (issue 16 §5). Every table is the tenant's own, with RLS
-- forced: a partner installation is pinned by ONE tenant's administrator, for that tenant only (trust is
-- the municipality's decision, and no administrator of one tenant may make another tenant accept
-- messages). Two tenants of one installation that both exchange with the same partner each pin it.
--
-- exchange_partner: a pinned partner installation: its id, name, endpoint and public key (JWK), as
-- pasted by the administrator after checking the thumbprint out of band.
CREATE TABLE "exchange_partner" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"installation_id" text NOT NULL,
	"name" text NOT NULL,
	"endpoint_url" text NOT NULL,
	"public_jwk" jsonb NOT NULL,
	"key_thumbprint" text NOT NULL,
	"pinned_by" text NOT NULL,
	"pinned_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_partner_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "exchange_partner_installation" CHECK (length("exchange_partner"."installation_id") BETWEEN 1 AND 200),
	CONSTRAINT "exchange_partner_name" CHECK (length("exchange_partner"."name") BETWEEN 1 AND 200)
);
--> statement-breakpoint
CREATE UNIQUE INDEX "exchange_partner_installation_idx" ON "exchange_partner" ("tenant_id", "installation_id");
--> statement-breakpoint
-- The partner installation's tenants this tenant exchanges with (their id on their own installation).
CREATE TABLE "exchange_partner_tenant" (
	"tenant_id" uuid NOT NULL,
	"partner_id" uuid NOT NULL,
	"remote_tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"municipality_code" text NOT NULL,
	CONSTRAINT "exchange_partner_tenant_pk" PRIMARY KEY("tenant_id","partner_id","remote_tenant_id"),
	CONSTRAINT "exchange_partner_tenant_name" CHECK (length("exchange_partner_tenant"."name") BETWEEN 1 AND 200),
	CONSTRAINT "exchange_partner_tenant_municipality" CHECK ("exchange_partner_tenant"."municipality_code" ~ '^[0-9]{2}([0-9]{2})?$')
);
--> statement-breakpoint
ALTER TABLE "exchange_partner_tenant" ADD CONSTRAINT "exchange_partner_tenant_partner_fk" FOREIGN KEY ("tenant_id","partner_id") REFERENCES "exchange_partner"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
-- Messages to partner installations, one row per message, sent by the federation job (signed at each
-- attempt). The envelope without its body, and the body encrypted in the application (bound to tenant and
-- message: it can carry an officer's contact or a sealed message's text), set to NULL once delivered or given up.
CREATE TABLE "exchange_outbox" (
	"tenant_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"to_installation" text NOT NULL,
	"to_tenant" uuid NOT NULL,
	"type" text NOT NULL,
	"envelope" jsonb NOT NULL,
	"body_encrypted" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sent_at" timestamp with time zone,
	CONSTRAINT "exchange_outbox_tenant_id_message_id_pk" PRIMARY KEY("tenant_id","message_id"),
	CONSTRAINT "exchange_outbox_status" CHECK ("exchange_outbox"."status" IN ('pending', 'sent', 'failed')),
	CONSTRAINT "exchange_outbox_body" CHECK ("exchange_outbox"."status" <> 'pending' OR "exchange_outbox"."body_encrypted" IS NOT NULL),
	CONSTRAINT "exchange_outbox_no_plain_body" CHECK (NOT ("exchange_outbox"."envelope" ? 'body'))
);
--> statement-breakpoint
CREATE INDEX "exchange_outbox_due_idx" ON "exchange_outbox" ("tenant_id", "status", "next_attempt_at");
--> statement-breakpoint
-- Messages received from partner installations: the replay guard (one row per message id and recipient
-- tenant) and the receiving side's record of what arrived. The SHA-256 of the signed message, not the
-- message: the body is applied by the housing exchange and kept there as its own rows.
CREATE TABLE "exchange_inbox" (
	"tenant_id" uuid NOT NULL,
	"message_id" uuid NOT NULL,
	"from_installation" text NOT NULL,
	"from_tenant" uuid NOT NULL,
	"type" text NOT NULL,
	"jws_sha256" text NOT NULL,
	"signed_at" timestamp with time zone NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_inbox_tenant_id_message_id_pk" PRIMARY KEY("tenant_id","message_id")
);
--> statement-breakpoint
ALTER TABLE exchange_partner ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_partner FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_partner
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_partner TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_partner_tenant ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_partner_tenant FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_partner_tenant
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_partner_tenant TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_outbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_outbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_outbox
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_outbox TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_inbox ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_inbox FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_inbox
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, DELETE ON exchange_inbox TO samverka_app;
