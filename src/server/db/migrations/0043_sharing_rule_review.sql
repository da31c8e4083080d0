-- Legal review of the sharing guide's rules, issue 17 §3. One row per tenant and rule: the tenant's
-- jurist marks a rule reviewed (name, time, comment and the rule version reviewed) or disables it for
-- the tenant with a reason. A rule whose version differs from `reviewed_version` has changed since the
-- review (a new release of Samverka). Who did what is also in the audit log.
CREATE TABLE "sharing_rule_review" (
	"tenant_id" uuid NOT NULL,
	"rule_id" text NOT NULL,
	"reviewed_version" text,
	"reviewed_by" text,
	"reviewed_by_name" text,
	"reviewed_at" timestamp with time zone,
	"review_comment" text,
	"disabled" boolean DEFAULT false NOT NULL,
	"disabled_by" text,
	"disabled_by_name" text,
	"disabled_at" timestamp with time zone,
	"disabled_reason" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sharing_rule_review_tenant_id_rule_id_pk" PRIMARY KEY("tenant_id","rule_id"),
	CONSTRAINT "sharing_rule_review_reviewed" CHECK (("reviewed_version" IS NULL) = ("reviewed_at" IS NULL)),
	CONSTRAINT "sharing_rule_review_disabled" CHECK (NOT "disabled" OR ("disabled_reason" IS NOT NULL AND "disabled_at" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "sharing_rule_review" ADD CONSTRAINT "sharing_rule_review_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id");
--> statement-breakpoint
ALTER TABLE sharing_rule_review ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sharing_rule_review FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON sharing_rule_review
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON sharing_rule_review TO samverka_app;
--> statement-breakpoint
-- A disclosure in an SSPF case (a team member added) records the rule and the rule version it rests on.
ALTER TABLE "case_member" ADD COLUMN "rule_id" text;
--> statement-breakpoint
ALTER TABLE "case_member" ADD COLUMN "rule_version" text;
