-- The housing exchange (bostadsutbyte) between municipalities, issue 16. Every table holds one tenant's own
-- rows only (RLS forced per tenant, like every other table): what the other side knows, a message told it.
-- A request's case id, the exit case reference, the own-wish record and the internal note never leave the
-- sending tenant (the last three encrypted in the application). See docs/HOUSING-EXCHANGE.md.
CREATE TABLE "exchange_participation" (
	"tenant_id" uuid NOT NULL,
	"participating" boolean DEFAULT true NOT NULL,
	"municipality_code" text NOT NULL,
	"decided_on" date NOT NULL,
	"decision_reference" text NOT NULL,
	"decided_by" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_participation_pk" PRIMARY KEY("tenant_id"),
	CONSTRAINT "exchange_participation_code" CHECK ("municipality_code" ~ '^[0-9]{4}$')
);
--> statement-breakpoint
CREATE TABLE "exchange_officer" (
	"tenant_id" uuid NOT NULL,
	"membership_id" uuid NOT NULL,
	CONSTRAINT "exchange_officer_pk" PRIMARY KEY("tenant_id","membership_id")
);
--> statement-breakpoint
CREATE TABLE "exchange_housing_partner" (
	"tenant_id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	CONSTRAINT "exchange_housing_partner_pk" PRIMARY KEY("tenant_id","organisation_id")
);
--> statement-breakpoint
-- Sending side: our requests.
CREATE TABLE "exchange_request" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"status" text NOT NULL,
	"origin_kind" text NOT NULL,
	"case_id" uuid,
	"origin_reference_encrypted" text,
	"household_size" integer NOT NULL,
	"age_bands" jsonb NOT NULL,
	"rooms" integer NOT NULL,
	"accessibility" jsonb NOT NULL,
	"school_needs" jsonb NOT NULL,
	"avoid_codes" jsonb NOT NULL,
	"acceptable_codes" jsonb NOT NULL,
	"move_by" date NOT NULL,
	"exit_support_in_place" boolean NOT NULL,
	"own_wish_encrypted" text NOT NULL,
	"note_encrypted" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_request_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "exchange_request_status" CHECK ("status" IN ('utkast', 'publicerad', 'matchad', 'bekraftad', 'flytt_planerad', 'flyttad', 'uppfoljd', 'aterkallad')),
	-- The SSPF case link is internal to this tenant, checked when the request is made (no foreign key: the
	-- case's retention runs on its own and must not be blocked by the exchange).
	CONSTRAINT "exchange_request_origin" CHECK ("origin_kind" IN ('sspf', 'avhopp')),
	CONSTRAINT "exchange_request_published_supported" CHECK ("published_at" IS NULL OR "exit_support_in_place")
);
--> statement-breakpoint
-- Receiving side: our offers, with one of our housing partners.
CREATE TABLE "exchange_offer" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"status" text NOT NULL,
	"housing_partner_organisation_id" uuid NOT NULL,
	"request_id" uuid,
	"request_installation" text,
	"request_tenant" uuid,
	"rooms" integer NOT NULL,
	"size_sqm" integer NOT NULL,
	"municipality_code" text NOT NULL,
	"district" text,
	"available_from" date NOT NULL,
	"accessibility" jsonb NOT NULL,
	"conditions" jsonb NOT NULL,
	"conditions_text" text,
	"created_by" text NOT NULL,
	"published_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "exchange_offer_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "exchange_offer_status" CHECK ("status" IN ('publicerad', 'matchad', 'aterkallad'))
);
--> statement-breakpoint
ALTER TABLE "exchange_offer" ADD CONSTRAINT "exchange_offer_partner_fk" FOREIGN KEY ("tenant_id","housing_partner_organisation_id") REFERENCES "organisation"("tenant_id","id");
--> statement-breakpoint
-- Receiving side: the mirror of a request published to us. On withdrawal the body is deleted: a tombstone
-- (id, withdrawn_at) remains.
CREATE TABLE "exchange_incoming_request" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"from_installation" text NOT NULL,
	"from_tenant" uuid NOT NULL,
	"from_name" text NOT NULL,
	"body" jsonb,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "exchange_incoming_request_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
-- Sending side: an offer published to us. `unsuitable_for`: request ids the offering side marked it unsuitable for.
CREATE TABLE "exchange_incoming_offer" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"from_installation" text NOT NULL,
	"from_tenant" uuid NOT NULL,
	"from_name" text NOT NULL,
	"request_id" uuid,
	"body" jsonb,
	"unsuitable_for" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"withdrawn_at" timestamp with time zone,
	CONSTRAINT "exchange_incoming_offer_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
-- Receiving side, private: our own offers we judged unsuitable for a request, with an optional encrypted reason.
CREATE TABLE "exchange_unsuitable" (
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"reason_encrypted" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_unsuitable_pk" PRIMARY KEY("tenant_id","request_id","offer_id")
);
--> statement-breakpoint
-- A match, on each side: the same id, side = sender (our request) or receiver (our offer).
CREATE TABLE "exchange_match" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"side" text NOT NULL,
	"status" text NOT NULL,
	"request_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"partner_installation" text NOT NULL,
	"partner_tenant" uuid NOT NULL,
	"partner_name" text NOT NULL,
	"officer_user_id" text,
	"reference" text,
	"own_contact_encrypted" text,
	"partner_contact_encrypted" text,
	"move_on" date,
	"moved_on" date,
	"follow_up_due" date,
	"followed_up_on" date,
	"follow_up_outcome" text,
	"sealed_sent_by_us" boolean DEFAULT false NOT NULL,
	"proposed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_match_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "exchange_match_side" CHECK ("side" IN ('sender', 'receiver')),
	CONSTRAINT "exchange_match_status" CHECK ("status" IN ('foreslagen', 'accepterad', 'avbojd', 'bekraftad', 'flytt_planerad', 'flyttad', 'uppfoljd', 'aterkallad'))
);
--> statement-breakpoint
CREATE INDEX "exchange_match_request_idx" ON "exchange_match" ("tenant_id", "request_id");
--> statement-breakpoint
-- A one-time sealed message received by us: the text encrypted until our officer opens it once, then deleted.
CREATE TABLE "exchange_sealed" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"match_id" uuid NOT NULL,
	"text_encrypted" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"opened_at" timestamp with time zone,
	"opened_by" text,
	CONSTRAINT "exchange_sealed_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
-- Every message sent (out) and applied (in), without its body: idempotence (an incoming message id is
-- applied once) and the reciprocity figures.
CREATE TABLE "exchange_message_log" (
	"tenant_id" uuid NOT NULL,
	"direction" text NOT NULL,
	"message_id" uuid NOT NULL,
	"type" text NOT NULL,
	"partner_installation" text NOT NULL,
	"partner_tenant" uuid NOT NULL,
	"subject_id" uuid,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "exchange_message_log_pk" PRIMARY KEY("tenant_id","direction","message_id"),
	CONSTRAINT "exchange_message_log_direction" CHECK ("direction" IN ('in', 'out'))
);
--> statement-breakpoint
CREATE INDEX "exchange_message_log_at_idx" ON "exchange_message_log" ("tenant_id", "at");
--> statement-breakpoint
ALTER TABLE exchange_participation ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_participation FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_participation
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_participation TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_officer ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_officer FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_officer
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_officer TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_housing_partner ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_housing_partner FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_housing_partner
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_housing_partner TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_request ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_request FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_request
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_request TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_offer ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_offer FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_offer
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_offer TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_incoming_request ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_incoming_request FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_incoming_request
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_incoming_request TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_incoming_offer ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_incoming_offer FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_incoming_offer
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_incoming_offer TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_unsuitable ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_unsuitable FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_unsuitable
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_unsuitable TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_match ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_match FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_match
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_match TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_sealed ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_sealed FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_sealed
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_sealed TO samverka_app;
--> statement-breakpoint
ALTER TABLE exchange_message_log ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE exchange_message_log FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON exchange_message_log
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON exchange_message_log TO samverka_app;
--> statement-breakpoint
-- The partners on this installation: RLS hides every other tenant's participation, so this SECURITY DEFINER
-- function answers one question, and returns only id, name and municipality of participating tenants (never
-- officers, requests or offers), and only to a caller whose own tenant participates.
CREATE OR REPLACE FUNCTION app_exchange_local_partners() RETURNS TABLE (tenant_id uuid, name text, municipality_code text)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT t.id, t.name, p.municipality_code FROM exchange_participation p JOIN tenant t ON t.id = p.tenant_id
  WHERE p.participating AND app_current_tenant() IS NOT NULL AND t.id <> app_current_tenant()
    AND EXISTS (SELECT 1 FROM exchange_participation me WHERE me.tenant_id = app_current_tenant() AND me.participating)
  ORDER BY t.name
$$;
--> statement-breakpoint
REVOKE ALL ON FUNCTION app_exchange_local_partners() FROM PUBLIC;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_exchange_local_partners() TO samverka_app;
