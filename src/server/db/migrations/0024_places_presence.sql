CREATE TABLE "area" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"kind" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_latitude" double precision NOT NULL,
	"min_longitude" double precision NOT NULL,
	"max_latitude" double precision NOT NULL,
	"max_longitude" double precision NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "area_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "calendar_feed" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"user_id" text NOT NULL,
	"membership_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"place_id" uuid,
	"token_hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"revoked_at" timestamp with time zone,
	"last_fetched_at" timestamp with time zone,
	CONSTRAINT "calendar_feed_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "calendar_feed_scope" CHECK ("calendar_feed"."scope" IN ('user', 'organisation', 'place')),
	CONSTRAINT "calendar_feed_place" CHECK (("calendar_feed"."scope" = 'place') = ("calendar_feed"."place_id" IS NOT NULL))
);
--> statement-breakpoint
CREATE TABLE "field_report" (
	"tenant_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"organisation_id" uuid NOT NULL,
	"other_organisation_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"presence_entry_id" uuid,
	"place_id" uuid,
	"area_id" uuid,
	"started_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone NOT NULL,
	"staff_count" integer DEFAULT 1 NOT NULL,
	"youth_under_13" integer DEFAULT 0 NOT NULL,
	"youth_13_to_15" integer DEFAULT 0 NOT NULL,
	"youth_16_to_17" integer DEFAULT 0 NOT NULL,
	"youth_18_plus" integer DEFAULT 0 NOT NULL,
	"mood" text NOT NULL,
	"observations" text,
	"for_situation_picture" boolean DEFAULT false NOT NULL,
	"visibility" text NOT NULL,
	"reported_by" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_report_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "field_report_order" CHECK ("field_report"."started_at" < "field_report"."ended_at"),
	CONSTRAINT "field_report_mood" CHECK ("field_report"."mood" IN ('lugnt', 'anstrangt', 'oroligt')),
	CONSTRAINT "field_report_visibility" CHECK ("field_report"."visibility" IN ('all', 'authorities', 'organisation')),
	CONSTRAINT "field_report_counts" CHECK ("field_report"."youth_under_13" >= 0 AND "field_report"."youth_13_to_15" >= 0 AND "field_report"."youth_16_to_17" >= 0 AND "field_report"."youth_18_plus" >= 0 AND "field_report"."staff_count" >= 1)
);
--> statement-breakpoint
CREATE TABLE "place" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"latitude" double precision,
	"longitude" double precision,
	"geometry" jsonb,
	"address" text,
	"digital_location" text,
	"area_id" uuid,
	"responsible_organisation_id" uuid,
	"contact_name" text,
	"contact_phone" text,
	"contact_email" text,
	"opening_hours" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "place_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "place_position_pair" CHECK (("place"."latitude" IS NULL) = ("place"."longitude" IS NULL))
);
--> statement-breakpoint
CREATE TABLE "place_youth_hour" (
	"tenant_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"weekday" smallint NOT NULL,
	"hour" smallint NOT NULL,
	"level" text NOT NULL,
	CONSTRAINT "place_youth_hour_tenant_id_place_id_weekday_hour_pk" PRIMARY KEY("tenant_id","place_id","weekday","hour"),
	CONSTRAINT "place_youth_hour_weekday" CHECK ("place_youth_hour"."weekday" BETWEEN 1 AND 7),
	CONSTRAINT "place_youth_hour_hour" CHECK ("place_youth_hour"."hour" BETWEEN 0 AND 23),
	CONSTRAINT "place_youth_hour_level" CHECK ("place_youth_hour"."level" IN ('few', 'some', 'many'))
);
--> statement-breakpoint
CREATE TABLE "presence_entry" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"staff_role" text NOT NULL,
	"staff_names" text[] DEFAULT '{}'::text[] NOT NULL,
	"place_id" uuid,
	"area_id" uuid,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"recurrence" text,
	"exceptions" timestamp with time zone[] DEFAULT '{}'::timestamptz[] NOT NULL,
	"skip_public_holidays" boolean DEFAULT false NOT NULL,
	"skip_school_holidays" boolean DEFAULT false NOT NULL,
	"planned_staff" integer DEFAULT 1 NOT NULL,
	"visibility" text NOT NULL,
	"notes" text,
	"cancelled_at" timestamp with time zone,
	"sequence" integer DEFAULT 0 NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "presence_entry_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "presence_entry_where" CHECK (("presence_entry"."place_id" IS NULL) <> ("presence_entry"."area_id" IS NULL)),
	CONSTRAINT "presence_entry_visibility" CHECK ("presence_entry"."visibility" IN ('all', 'authorities', 'organisation')),
	CONSTRAINT "presence_entry_duration" CHECK ("presence_entry"."duration_minutes" BETWEEN 15 AND 1440),
	CONSTRAINT "presence_entry_staff" CHECK ("presence_entry"."planned_staff" BETWEEN 1 AND 100)
);
--> statement-breakpoint
CREATE TABLE "school_holiday" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "school_holiday_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "school_holiday_order" CHECK ("school_holiday"."starts_on" <= "school_holiday"."ends_on")
);
--> statement-breakpoint
ALTER TABLE "area" ADD CONSTRAINT "area_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_tenant_id_membership_id_membership_tenant_id_id_fk" FOREIGN KEY ("tenant_id","membership_id") REFERENCES "public"."membership"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "calendar_feed" ADD CONSTRAINT "calendar_feed_tenant_id_place_id_place_tenant_id_id_fk" FOREIGN KEY ("tenant_id","place_id") REFERENCES "public"."place"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_report" ADD CONSTRAINT "field_report_tenant_id_organisation_id_organisation_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisation"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_report" ADD CONSTRAINT "field_report_tenant_id_place_id_place_tenant_id_id_fk" FOREIGN KEY ("tenant_id","place_id") REFERENCES "public"."place"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "field_report" ADD CONSTRAINT "field_report_tenant_id_area_id_area_tenant_id_id_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."area"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_tenant_id_area_id_area_tenant_id_id_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."area"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "place" ADD CONSTRAINT "place_tenant_id_responsible_organisation_id_organisation_tenant_id_id_fk" FOREIGN KEY ("tenant_id","responsible_organisation_id") REFERENCES "public"."organisation"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "place_youth_hour" ADD CONSTRAINT "place_youth_hour_tenant_id_place_id_place_tenant_id_id_fk" FOREIGN KEY ("tenant_id","place_id") REFERENCES "public"."place"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "presence_entry" ADD CONSTRAINT "presence_entry_tenant_id_organisation_id_organisation_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisation"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "presence_entry" ADD CONSTRAINT "presence_entry_tenant_id_place_id_place_tenant_id_id_fk" FOREIGN KEY ("tenant_id","place_id") REFERENCES "public"."place"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "presence_entry" ADD CONSTRAINT "presence_entry_tenant_id_area_id_area_tenant_id_id_fk" FOREIGN KEY ("tenant_id","area_id") REFERENCES "public"."area"("tenant_id","id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE "school_holiday" ADD CONSTRAINT "school_holiday_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "area_tenant_name_idx" ON "area" USING btree ("tenant_id","name");
--> statement-breakpoint
CREATE UNIQUE INDEX "calendar_feed_token_hash_idx" ON "calendar_feed" USING btree ("token_hash");
--> statement-breakpoint
CREATE INDEX "calendar_feed_user_idx" ON "calendar_feed" USING btree ("tenant_id","user_id");
--> statement-breakpoint
CREATE INDEX "field_report_tenant_started_idx" ON "field_report" USING btree ("tenant_id","started_at");
--> statement-breakpoint
CREATE INDEX "field_report_tenant_place_idx" ON "field_report" USING btree ("tenant_id","place_id");
--> statement-breakpoint
CREATE INDEX "place_tenant_area_idx" ON "place" USING btree ("tenant_id","area_id");
--> statement-breakpoint
CREATE INDEX "place_tenant_name_idx" ON "place" USING btree ("tenant_id","name");
--> statement-breakpoint
CREATE INDEX "presence_entry_tenant_place_idx" ON "presence_entry" USING btree ("tenant_id","place_id");
--> statement-breakpoint
CREATE INDEX "presence_entry_tenant_area_idx" ON "presence_entry" USING btree ("tenant_id","area_id");
--> statement-breakpoint
CREATE INDEX "presence_entry_tenant_organisation_idx" ON "presence_entry" USING btree ("tenant_id","organisation_id");
--> statement-breakpoint
-- Row-level security, the second wall. Places, areas, ungdomstider and school holidays are the
-- tenant's shared knowledge: every partner in the tenant reads them (the policy layer decides who
-- edits). Presence entries and field reports also depend on who reads: `authorities` rows are seen
-- only by authorities and the own organisation, `organisation` rows only by the own organisation, so
-- a police patrol plan never reaches an association, whatever query a route runs.
CREATE OR REPLACE FUNCTION app_may_see_visibility(p_visibility text, p_organisation uuid) RETURNS boolean
  LANGUAGE sql STABLE AS $$
    SELECT p_visibility = 'all'
        OR p_organisation = app_current_organisation()
        OR (p_visibility = 'authorities' AND app_current_organisation_is_authority())
  $$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_may_see_visibility(text, uuid) TO samverka_app;
--> statement-breakpoint
ALTER TABLE area ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE area FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON area
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE place ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE place FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON place
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE place_youth_hour ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE place_youth_hour FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON place_youth_hour
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE school_holiday ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE school_holiday FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON school_holiday
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE presence_entry ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE presence_entry FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY visible_in_tenant ON presence_entry
  USING (tenant_id = app_current_tenant() AND app_may_see_visibility(visibility, organisation_id))
  WITH CHECK (tenant_id = app_current_tenant() AND app_may_see_visibility(visibility, organisation_id));
--> statement-breakpoint
ALTER TABLE field_report ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE field_report FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A field report is written by the author's own organisation, and read as a presence entry is.
CREATE POLICY visible_in_tenant ON field_report
  USING (tenant_id = app_current_tenant() AND app_may_see_visibility(visibility, organisation_id))
  WITH CHECK (tenant_id = app_current_tenant() AND organisation_id = app_current_organisation());
--> statement-breakpoint
ALTER TABLE calendar_feed ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE calendar_feed FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
-- A feed is its owner's alone: other users in the tenant, administrators included, never see its rows.
CREATE POLICY own_feeds ON calendar_feed
  USING (tenant_id = app_current_tenant() AND user_id = app_current_user())
  WITH CHECK (tenant_id = app_current_tenant() AND user_id = app_current_user());
--> statement-breakpoint
-- A feed is fetched by a calendar client with no session: its secret URL is looked up by hash before
-- any tenant is known. Only an unrevoked feed is returned; the fetch then enters the owner's
-- membership (app_enter_membership), which refuses a deactivated or withdrawn one.
CREATE OR REPLACE FUNCTION app_calendar_feed_by_token(p_token_hash text)
RETURNS TABLE (tenant_id uuid, id uuid, user_id text, membership_id uuid, scope text, place_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT f.tenant_id, f.id, f.user_id, f.membership_id, f.scope, f.place_id
  FROM calendar_feed f
  WHERE f.token_hash = p_token_hash AND f.revoked_at IS NULL
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_calendar_feed_by_token(text) TO samverka_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON area, place, place_youth_hour, school_holiday, presence_entry, field_report, calendar_feed TO samverka_app;
