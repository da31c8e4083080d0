-- The mentor programme, issue 15 §5. A mentor is a volunteer adult attached to an association or the
-- municipality (an organisation of the tenant), optionally linked to a user account with the role
-- `mentor`. The vetting check records only THAT the limited criminal-record extract for work with
-- children was seen: the day and by whom. The extract itself is never stored (there is no column for it).
-- The meeting log's note is encrypted in the application (field cipher, bound to tenant, table and row).
CREATE TABLE "mentor" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"phone" text,
	"email" text,
	"user_id" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE UNIQUE INDEX "mentor_user_idx" ON "mentor" ("tenant_id", "user_id") WHERE "user_id" IS NOT NULL;
--> statement-breakpoint
CREATE TABLE "mentor_vetting_check" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"checked_on" date NOT NULL,
	"checked_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_vetting_check_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE INDEX "mentor_vetting_check_mentor_idx" ON "mentor_vetting_check" ("tenant_id", "mentor_id", "checked_on");
--> statement-breakpoint
CREATE TABLE "mentor_training" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"mentor_id" uuid NOT NULL,
	"name" text NOT NULL,
	"completed_on" date NOT NULL,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_training_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "mentor_match" (
	"tenant_id" uuid NOT NULL,
	"action_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"matched_by" text NOT NULL,
	"matched_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_match_pk" PRIMARY KEY("tenant_id","action_id")
);
--> statement-breakpoint
CREATE INDEX "mentor_match_mentor_idx" ON "mentor_match" ("tenant_id", "mentor_id");
--> statement-breakpoint
CREATE TABLE "mentor_meeting" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"action_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"mentor_id" uuid NOT NULL,
	"met_on" date NOT NULL,
	"minutes" integer NOT NULL,
	"note_encrypted" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "mentor_meeting_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "mentor_meeting_minutes" CHECK ("mentor_meeting"."minutes" > 0 AND "mentor_meeting"."minutes" <= 1440)
);
--> statement-breakpoint
CREATE INDEX "mentor_meeting_action_idx" ON "mentor_meeting" ("tenant_id", "action_id", "met_on");
--> statement-breakpoint
ALTER TABLE "mentor" ADD CONSTRAINT "mentor_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "organisation"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "mentor_vetting_check" ADD CONSTRAINT "mentor_vetting_check_mentor_fk" FOREIGN KEY ("tenant_id","mentor_id") REFERENCES "mentor"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "mentor_training" ADD CONSTRAINT "mentor_training_mentor_fk" FOREIGN KEY ("tenant_id","mentor_id") REFERENCES "mentor"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "mentor_match" ADD CONSTRAINT "mentor_match_mentor_fk" FOREIGN KEY ("tenant_id","mentor_id") REFERENCES "mentor"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "mentor_match" ADD CONSTRAINT "mentor_match_action_fk" FOREIGN KEY ("tenant_id","action_id") REFERENCES "case_action"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "mentor_meeting" ADD CONSTRAINT "mentor_meeting_mentor_fk" FOREIGN KEY ("tenant_id","mentor_id") REFERENCES "mentor"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "mentor_meeting" ADD CONSTRAINT "mentor_meeting_action_fk" FOREIGN KEY ("tenant_id","action_id") REFERENCES "case_action"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE mentor ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mentor FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON mentor
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE mentor_vetting_check ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mentor_vetting_check FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON mentor_vetting_check
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE mentor_training ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mentor_training FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON mentor_training
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE mentor_match ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mentor_match FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON mentor_match
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE mentor_meeting ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE mentor_meeting FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON mentor_meeting
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON mentor, mentor_vetting_check, mentor_training, mentor_match, mentor_meeting TO samverka_app;
