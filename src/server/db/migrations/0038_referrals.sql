-- Referrals (hänvisningar), issue 15 §4, §6, §7. A referral sends a young person, or a guardian, from an
-- action in an SSPF plan (case_id and action_id) to an offer; or, from BVC/MVC, a parent to a parent
-- programme without a case (case_id null, the parent's own consent recorded on the row). What names a
-- person on a BVC referral, and every free-text note, is encrypted in the application. The provider
-- organisation is copied from the offer when the referral is made, so its staff's inbox is one index.
CREATE TABLE "referral" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"offer_id" uuid NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"referring_organisation_id" uuid NOT NULL,
	"case_id" uuid,
	"action_id" uuid,
	"subject" text NOT NULL,
	"guardian_id" uuid,
	"share_what" boolean DEFAULT false NOT NULL,
	"status" text NOT NULL,
	"respond_by" date,
	"answered_at" timestamp with time zone,
	"answered_by" text,
	"answer_note_encrypted" text,
	"started_on" date,
	"sessions_attended" integer DEFAULT 0 NOT NULL,
	"outcome" text,
	"outcome_on" date,
	"outcome_note_encrypted" text,
	"parent_encrypted" text,
	"parent_consent_encrypted" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "referral_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "referral_subject" CHECK ("referral"."subject" IN ('ung', 'vardnadshavare', 'foralder')),
	CONSTRAINT "referral_status" CHECK ("referral"."status" IN ('vantelista', 'vantar_svar', 'accepterad', 'avbojd', 'paborjad', 'avslutad')),
	CONSTRAINT "referral_outcome" CHECK ("referral"."outcome" IS NULL OR "referral"."outcome" IN ('genomford', 'avbrot', 'paborjades_inte')),
	CONSTRAINT "referral_sessions" CHECK ("referral"."sessions_attended" >= 0),
	-- From a plan: a case and its action. Without a case: a parent, with the parent's own consent on the row.
	CONSTRAINT "referral_origin" CHECK (
		("referral"."case_id" IS NOT NULL AND "referral"."action_id" IS NOT NULL AND "referral"."subject" IN ('ung', 'vardnadshavare'))
		OR ("referral"."case_id" IS NULL AND "referral"."action_id" IS NULL AND "referral"."subject" = 'foralder' AND "referral"."parent_encrypted" IS NOT NULL AND "referral"."parent_consent_encrypted" IS NOT NULL)
	),
	CONSTRAINT "referral_guardian" CHECK (("referral"."subject" = 'vardnadshavare') = ("referral"."guardian_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE INDEX "referral_provider_idx" ON "referral" ("tenant_id", "provider_organisation_id", "status");
--> statement-breakpoint
CREATE INDEX "referral_offer_idx" ON "referral" ("tenant_id", "offer_id", "status", "created_at");
--> statement-breakpoint
CREATE INDEX "referral_case_idx" ON "referral" ("tenant_id", "case_id");
--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_offer_fk" FOREIGN KEY ("tenant_id","offer_id") REFERENCES "offer"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_provider_fk" FOREIGN KEY ("tenant_id","provider_organisation_id") REFERENCES "organisation"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_referrer_fk" FOREIGN KEY ("tenant_id","referring_organisation_id") REFERENCES "organisation"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_case_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "sspf_case"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "referral" ADD CONSTRAINT "referral_action_fk" FOREIGN KEY ("tenant_id","action_id") REFERENCES "case_action"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE referral ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE referral FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON referral
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON referral TO samverka_app;
--> statement-breakpoint
-- Issue 15 §6: whether the guardians agreed to be contacted about support (a referral for a guardian needs it).
ALTER TABLE "consent" ADD COLUMN "guardian_support_contact" boolean DEFAULT false NOT NULL;
