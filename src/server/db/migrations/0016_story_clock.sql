-- The time the database stamps by default. Outside the demo seed it is exactly now(). The demo seed
-- tells its story through the real routes "as of" past days (src/server/clock.ts): its request
-- transaction then sets app.now (withActor), and the rows that step writes carry that day, as its
-- audit events do. No request from the network can set app.now: only the seed's clock does.
CREATE OR REPLACE FUNCTION app_now() RETURNS timestamptz
LANGUAGE sql STABLE AS $$
  SELECT coalesce(nullif(current_setting('app.now', true), '')::timestamptz, now())
$$;
--> statement-breakpoint
GRANT EXECUTE ON FUNCTION app_now() TO samverka_app;
--> statement-breakpoint
ALTER TABLE "person" ALTER COLUMN "created_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "person" ALTER COLUMN "updated_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "person_guardian" ALTER COLUMN "created_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "person_note" ALTER COLUMN "created_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "consent" ALTER COLUMN "created_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "consent_party" ALTER COLUMN "recorded_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "sspf_case" ALTER COLUMN "opened_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "sspf_case" ALTER COLUMN "updated_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "case_member" ALTER COLUMN "added_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "case_guardian" ALTER COLUMN "updated_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "case_factor" ALTER COLUMN "created_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "case_factor" ALTER COLUMN "updated_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "case_goal" ALTER COLUMN "created_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "case_action" ALTER COLUMN "created_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "case_action" ALTER COLUMN "updated_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "case_meeting" ALTER COLUMN "created_at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "case_event" ALTER COLUMN "at" SET DEFAULT app_now();--> statement-breakpoint
ALTER TABLE "notification" ALTER COLUMN "created_at" SET DEFAULT app_now();
