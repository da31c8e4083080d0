CREATE TABLE "event_category" (
	"tenant_id" uuid NOT NULL,
	"code" text NOT NULL,
	"name_sv" text NOT NULL,
	"name_en" text NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "event_category_tenant_id_code_pk" PRIMARY KEY("tenant_id","code")
);
--> statement-breakpoint
CREATE TABLE "event_report" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"source" text NOT NULL,
	"status" text NOT NULL,
	"category" text NOT NULL,
	"place_id" uuid,
	"area_id" uuid,
	"latitude" double precision,
	"longitude" double precision,
	"approximate" boolean DEFAULT false NOT NULL,
	"cell" text,
	"occurred_from" timestamp with time zone NOT NULL,
	"occurred_to" timestamp with time zone NOT NULL,
	"iso_week" integer NOT NULL,
	"weekday" smallint NOT NULL,
	"hour" smallint,
	"people_count" text,
	"severity" smallint DEFAULT 1 NOT NULL,
	"description_cipher" text,
	"organisation_id" uuid,
	"reported_by" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"field_report_id" uuid,
	"concern_id" uuid,
	"import_batch_id" uuid,
	"external_ref" text,
	"reviewed_by" text,
	"reviewed_at" timestamp with time zone,
	CONSTRAINT "event_report_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "event_report_source" CHECK ("event_report"."source" IN ('staff', 'field_report', 'citizen', 'import')),
	CONSTRAINT "event_report_status" CHECK ("event_report"."status" IN ('verified', 'unverified', 'rejected')),
	CONSTRAINT "event_report_order" CHECK ("event_report"."occurred_from" <= "event_report"."occurred_to"),
	CONSTRAINT "event_report_point_pair" CHECK (("event_report"."latitude" IS NULL) = ("event_report"."longitude" IS NULL)),
	CONSTRAINT "event_report_people" CHECK ("event_report"."people_count" IS NULL OR "event_report"."people_count" IN ('1', '2-4', '5-9', '10+')),
	CONSTRAINT "event_report_severity" CHECK ("event_report"."severity" BETWEEN 1 AND 3),
	CONSTRAINT "event_report_weekday" CHECK ("event_report"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "event_report_hour" CHECK ("event_report"."hour" IS NULL OR "event_report"."hour" BETWEEN 0 AND 23)
);
--> statement-breakpoint
ALTER TABLE "event_category" ADD CONSTRAINT "event_category_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "event_report" ADD CONSTRAINT "event_report_tenant_id_place_id_place_tenant_id_id_fk" FOREIGN KEY ("tenant_id","place_id") REFERENCES "public"."place"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "event_report" ADD CONSTRAINT "event_report_tenant_id_area_id_area_tenant_id_id_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."area"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "event_report" ADD CONSTRAINT "event_report_tenant_id_organisation_id_organisation_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisation"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "event_report_week_area_idx" ON "event_report" USING btree ("tenant_id","iso_week","area_id");
--> statement-breakpoint
CREATE INDEX "event_report_place_occurred_idx" ON "event_report" USING btree ("tenant_id","place_id","occurred_from");
--> statement-breakpoint
CREATE INDEX "event_report_received_idx" ON "event_report" USING btree ("tenant_id","received_at");
--> statement-breakpoint
CREATE UNIQUE INDEX "event_report_external_ref_idx" ON "event_report" USING btree ("tenant_id","source","external_ref");
--> statement-breakpoint
CREATE UNIQUE INDEX "event_report_field_report_idx" ON "event_report" USING btree ("tenant_id","field_report_id");
--> statement-breakpoint
CREATE UNIQUE INDEX "event_report_concern_idx" ON "event_report" USING btree ("tenant_id","concern_id");
--> statement-breakpoint
-- Row-level security, the second wall. Event reports are the tenant's shared picture: every member
-- of the tenant may read the rows (category, place, time, counts), as for places. Who reads a
-- description, and who writes in whose name, the policy layer decides: the description is encrypted,
-- so a row read is not a description read.
ALTER TABLE event_category ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE event_category FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON event_category
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE event_report ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE event_report FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON event_report
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON event_category, event_report TO samverka_app;
--> statement-breakpoint
-- A citizen's place report (the public form, a concern of kind 'place') becomes an unverified event
-- report in the same transaction as the report itself: the public batch (app_intake_public_batch) runs
-- in the tenant's context, and this trigger adds the event row. The citizen's description and place
-- stay in the concern (encrypted there); the event holds only the category and the time, and staff
-- give it a place when they confirm it. A day without a time spans the whole day and has no hour.
-- The event keeps no foreign key to the concern: the concern's retention does not erase the statistic.
CREATE OR REPLACE FUNCTION app_event_from_place_report() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
  v_day date := coalesce(NEW.occurred_on, (NEW.received_at AT TIME ZONE 'Europe/Stockholm')::date);
  v_known boolean := NEW.occurred_time IS NOT NULL AND NEW.occurred_time ~ '^([01][0-9]|2[0-3]):[0-5][0-9]$';
  v_from timestamptz;
  v_to timestamptz;
  v_local timestamp;
BEGIN
  v_from := (v_day + CASE WHEN v_known THEN NEW.occurred_time::time ELSE time '00:00' END) AT TIME ZONE 'Europe/Stockholm';
  v_to := CASE WHEN v_known THEN v_from ELSE ((v_day + 1) + time '00:00') AT TIME ZONE 'Europe/Stockholm' END;
  v_local := v_from AT TIME ZONE 'Europe/Stockholm';
  INSERT INTO event_report (tenant_id, id, source, status, category, occurred_from, occurred_to, iso_week, weekday, hour,
    received_at, concern_id)
  VALUES (NEW.tenant_id, gen_random_uuid(), 'citizen', 'unverified', coalesce(NEW.event_type, 'otrygg_plats'), v_from, v_to,
    to_char(v_local, 'IYYY')::int * 100 + to_char(v_local, 'IW')::int, extract(isodow FROM v_local)::smallint,
    CASE WHEN v_known THEN extract(hour FROM v_local)::smallint END, NEW.received_at, NEW.id)
  ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER concern_place_report_event AFTER INSERT ON concern
  FOR EACH ROW WHEN (NEW.kind = 'place') EXECUTE FUNCTION app_event_from_place_report();
