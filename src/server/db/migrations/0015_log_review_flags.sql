-- The log reviewer's systematic review (issue 11 §2, HSLF-FS 2016:40): the tenant's thresholds for
-- what is flagged, and the reviewer's marks on flags they have looked at. Both tenant-owned.
CREATE TABLE "log_review_setting" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"bulk_persons" integer DEFAULT 10 NOT NULL,
	"bulk_minutes" integer DEFAULT 10 NOT NULL,
	"night_start_hour" integer DEFAULT 22 NOT NULL,
	"night_end_hour" integer DEFAULT 6 NOT NULL,
	"lookback_days" integer DEFAULT 14 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "log_review_setting_ranges_check" CHECK ("bulk_persons" BETWEEN 2 AND 1000 AND "bulk_minutes" BETWEEN 1 AND 1440
		AND "night_start_hour" BETWEEN 0 AND 23 AND "night_end_hour" BETWEEN 0 AND 23 AND "night_start_hour" <> "night_end_hour"
		AND "lookback_days" BETWEEN 1 AND 90)
);
--> statement-breakpoint
ALTER TABLE "log_review_setting" ADD CONSTRAINT "log_review_setting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
-- One mark per flag: the flag's kind and its key (user, person or window, day), who, when and why.
CREATE TABLE "log_review_mark" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"flag_key" text NOT NULL,
	"reviewed_by" text NOT NULL,
	"reviewed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"comment" text NOT NULL,
	CONSTRAINT "log_review_mark_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
ALTER TABLE "log_review_mark" ADD CONSTRAINT "log_review_mark_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "log_review_mark_flag_idx" ON "log_review_mark" USING btree ("tenant_id","kind","flag_key");
--> statement-breakpoint
-- The flags read the last few days of the log: by time for accesses naming a person and for refusals,
-- and by user and time for "many persons in a short time".
CREATE INDEX "audit_event_tenant_actor_time_idx" ON "audit_event" USING btree ("tenant_id","actor_user_id","occurred_at");
--> statement-breakpoint
CREATE INDEX "audit_event_tenant_person_access_idx" ON "audit_event" USING btree ("tenant_id","occurred_at") WHERE "person_id" IS NOT NULL AND "actor_user_id" IS NOT NULL AND "outcome" = 'allowed';
--> statement-breakpoint
CREATE INDEX "audit_event_tenant_denied_idx" ON "audit_event" USING btree ("tenant_id","occurred_at") WHERE "outcome" = 'denied';
--> statement-breakpoint
ALTER TABLE log_review_setting ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE log_review_setting FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON log_review_setting
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE log_review_mark ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE log_review_mark FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON log_review_mark
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON log_review_setting TO samverka_app;
--> statement-breakpoint
-- A mark is never changed or taken back: the app may only add one.
GRANT SELECT, INSERT ON log_review_mark TO samverka_app;
