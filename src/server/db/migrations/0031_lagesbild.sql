-- The weekly lägesbild (issue 14 §2, §5). Three rollups of the verified event reports, kept by
-- statement-level triggers on event_report in the same transaction as every insert, review (status,
-- category, place) and delete, whatever path wrote it: the app's insert, the import, the citizen's
-- report (which counts only once verified), a demo seed in plain SQL. A week's picture then reads
-- hundreds of rollup rows instead of scanning millions of events. No PostGIS: the cell is the H3 text
-- the event already carries. Rollup keys are NOT NULL so that an upsert can name them: the zero uuid
-- is "no area", '' is "no cell" and hour -1 is "time of day unknown".
CREATE TABLE "event_week_category" (
	"tenant_id" uuid NOT NULL,
	"area_key" uuid NOT NULL,
	"iso_week" integer NOT NULL,
	"category" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "event_week_category_pk" PRIMARY KEY("tenant_id","area_key","iso_week","category")
);
--> statement-breakpoint
CREATE TABLE "event_week_cell" (
	"tenant_id" uuid NOT NULL,
	"area_key" uuid NOT NULL,
	"iso_week" integer NOT NULL,
	"category" text NOT NULL,
	"cell" text NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "event_week_cell_pk" PRIMARY KEY("tenant_id","area_key","iso_week","category","cell")
);
--> statement-breakpoint
CREATE TABLE "event_week_hour" (
	"tenant_id" uuid NOT NULL,
	"area_key" uuid NOT NULL,
	"iso_week" integer NOT NULL,
	"category" text NOT NULL,
	"weekday" smallint NOT NULL,
	"hour" smallint NOT NULL,
	"count" integer NOT NULL,
	CONSTRAINT "event_week_hour_pk" PRIMARY KEY("tenant_id","area_key","iso_week","category","weekday","hour")
);
--> statement-breakpoint
-- The whole tenant's picture sums every area of a week.
CREATE INDEX "event_week_category_week_idx" ON "event_week_category" USING btree ("tenant_id","iso_week");
--> statement-breakpoint
CREATE INDEX "event_week_cell_week_idx" ON "event_week_cell" USING btree ("tenant_id","iso_week");
--> statement-breakpoint
CREATE INDEX "event_week_hour_week_idx" ON "event_week_hour" USING btree ("tenant_id","iso_week");
--> statement-breakpoint
CREATE TABLE "lagesbild_week" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"iso_week" integer NOT NULL,
	"area_id" uuid,
	"status" text DEFAULT 'open' NOT NULL,
	"analysis" text DEFAULT '' NOT NULL,
	"analysis_by" text,
	"analysis_at" timestamp with time zone,
	"closed_by" text,
	"closed_at" timestamp with time zone,
	"sent_by" text,
	"sent_at" timestamp with time zone,
	"sent_snapshot" jsonb,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lagesbild_week_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "lagesbild_week_status" CHECK ("lagesbild_week"."status" IN ('open', 'closed', 'sent')),
	CONSTRAINT "lagesbild_week_sent" CHECK (("lagesbild_week"."status" = 'sent') = ("lagesbild_week"."sent_snapshot" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "lagesbild_week" ADD CONSTRAINT "lagesbild_week_tenant_id_area_id_area_tenant_id_id_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."area"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE UNIQUE INDEX "lagesbild_week_unique_idx" ON "lagesbild_week" USING btree ("tenant_id","iso_week",coalesce("area_id", '00000000-0000-0000-0000-000000000000'::uuid));
--> statement-breakpoint
-- Who got a sent week back (the reporters of its events): the record of the feedback, one row each.
CREATE TABLE "lagesbild_recipient" (
	"tenant_id" uuid NOT NULL,
	"week_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"notified_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lagesbild_recipient_pk" PRIMARY KEY("tenant_id","week_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "lagesbild_recipient" ADD CONSTRAINT "lagesbild_recipient_week_fk" FOREIGN KEY ("tenant_id","week_id") REFERENCES "public"."lagesbild_week"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
-- Applies one statement's change to the rollups: +1 for each verified row in new_rows, −1 for each
-- verified row in old_rows, grouped first: a batch of 2,000 imported events is one statement here, not
-- 6,000 upserts. A review that verifies a citizen's report (unverified → verified) adds it; a
-- rejection or a change of category, place or time moves it. Rows that reach 0 stay (harmless, read as 0).
CREATE OR REPLACE FUNCTION app_event_rollup_insert() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  WITH delta AS (SELECT tenant_id, coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid) AS area_key, iso_week, category, coalesce(cell, '') AS cell, weekday, coalesce(hour, -1)::smallint AS hour, 1 AS n FROM new_rows WHERE status = 'verified'),
  category_rollup AS (
    INSERT INTO event_week_category AS r (tenant_id, area_key, iso_week, category, count)
    SELECT tenant_id, area_key, iso_week, category, sum(n) FROM delta GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
    ON CONFLICT (tenant_id, area_key, iso_week, category) DO UPDATE SET count = r.count + excluded.count),
  cell_rollup AS (
    INSERT INTO event_week_cell AS r (tenant_id, area_key, iso_week, category, cell, count)
    SELECT tenant_id, area_key, iso_week, category, cell, sum(n) FROM delta GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
    ON CONFLICT (tenant_id, area_key, iso_week, category, cell) DO UPDATE SET count = r.count + excluded.count)
  INSERT INTO event_week_hour AS r (tenant_id, area_key, iso_week, category, weekday, hour, count)
  SELECT tenant_id, area_key, iso_week, category, weekday, hour, sum(n) FROM delta GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
  ON CONFLICT (tenant_id, area_key, iso_week, category, weekday, hour) DO UPDATE SET count = r.count + excluded.count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_event_rollup_update() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  WITH delta AS (SELECT tenant_id, coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid) AS area_key, iso_week, category, coalesce(cell, '') AS cell, weekday, coalesce(hour, -1)::smallint AS hour, 1 AS n FROM new_rows WHERE status = 'verified'
    UNION ALL SELECT tenant_id, coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid) AS area_key, iso_week, category, coalesce(cell, '') AS cell, weekday, coalesce(hour, -1)::smallint AS hour, -1 AS n FROM old_rows WHERE status = 'verified'),
  category_rollup AS (
    INSERT INTO event_week_category AS r (tenant_id, area_key, iso_week, category, count)
    SELECT tenant_id, area_key, iso_week, category, sum(n) FROM delta GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
    ON CONFLICT (tenant_id, area_key, iso_week, category) DO UPDATE SET count = r.count + excluded.count),
  cell_rollup AS (
    INSERT INTO event_week_cell AS r (tenant_id, area_key, iso_week, category, cell, count)
    SELECT tenant_id, area_key, iso_week, category, cell, sum(n) FROM delta GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
    ON CONFLICT (tenant_id, area_key, iso_week, category, cell) DO UPDATE SET count = r.count + excluded.count)
  INSERT INTO event_week_hour AS r (tenant_id, area_key, iso_week, category, weekday, hour, count)
  SELECT tenant_id, area_key, iso_week, category, weekday, hour, sum(n) FROM delta GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
  ON CONFLICT (tenant_id, area_key, iso_week, category, weekday, hour) DO UPDATE SET count = r.count + excluded.count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION app_event_rollup_delete() RETURNS trigger
LANGUAGE plpgsql VOLATILE AS $$
BEGIN
  WITH delta AS (SELECT tenant_id, coalesce(area_id, '00000000-0000-0000-0000-000000000000'::uuid) AS area_key, iso_week, category, coalesce(cell, '') AS cell, weekday, coalesce(hour, -1)::smallint AS hour, -1 AS n FROM old_rows WHERE status = 'verified'),
  category_rollup AS (
    INSERT INTO event_week_category AS r (tenant_id, area_key, iso_week, category, count)
    SELECT tenant_id, area_key, iso_week, category, sum(n) FROM delta GROUP BY 1, 2, 3, 4 HAVING sum(n) <> 0
    ON CONFLICT (tenant_id, area_key, iso_week, category) DO UPDATE SET count = r.count + excluded.count),
  cell_rollup AS (
    INSERT INTO event_week_cell AS r (tenant_id, area_key, iso_week, category, cell, count)
    SELECT tenant_id, area_key, iso_week, category, cell, sum(n) FROM delta GROUP BY 1, 2, 3, 4, 5 HAVING sum(n) <> 0
    ON CONFLICT (tenant_id, area_key, iso_week, category, cell) DO UPDATE SET count = r.count + excluded.count)
  INSERT INTO event_week_hour AS r (tenant_id, area_key, iso_week, category, weekday, hour, count)
  SELECT tenant_id, area_key, iso_week, category, weekday, hour, sum(n) FROM delta GROUP BY 1, 2, 3, 4, 5, 6 HAVING sum(n) <> 0
  ON CONFLICT (tenant_id, area_key, iso_week, category, weekday, hour) DO UPDATE SET count = r.count + excluded.count;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER event_report_rollup_insert AFTER INSERT ON event_report
  REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_event_rollup_insert();
--> statement-breakpoint
CREATE TRIGGER event_report_rollup_update AFTER UPDATE ON event_report
  REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION app_event_rollup_update();
--> statement-breakpoint
CREATE TRIGGER event_report_rollup_delete AFTER DELETE ON event_report
  REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION app_event_rollup_delete();
--> statement-breakpoint
-- Row-level security, the second wall: a tenant's figures and weeks are its own.
ALTER TABLE event_week_category ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE event_week_category FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON event_week_category
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE event_week_cell ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE event_week_cell FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON event_week_cell
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE event_week_hour ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE event_week_hour FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON event_week_hour
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE lagesbild_week ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lagesbild_week FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON lagesbild_week
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE lagesbild_recipient ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lagesbild_recipient FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON lagesbild_recipient
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON event_week_category, event_week_cell, event_week_hour, lagesbild_week, lagesbild_recipient TO samverka_app;
