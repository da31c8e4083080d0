-- A reference staff can say on the phone: "OR-2026-0042" (a concern about a person) or "PL-2026-0007"
-- (a place report), numbered per tenant, kind and year of receipt. It is not the receipt code, which
-- lets anyone read the status, and says nothing a receipt could be guessed from. A trigger numbers
-- every new row, whichever path inserts it (the public batch function, the demo, tests), so the
-- number is handed out in the inserting transaction and a rolled-back insert leaves at most a gap.
CREATE TABLE "concern_reference_counter" (
	"tenant_id" uuid NOT NULL REFERENCES "tenant"("id"),
	"kind" text NOT NULL,
	"year" smallint NOT NULL,
	"last_number" integer NOT NULL,
	CONSTRAINT "concern_reference_counter_pk" PRIMARY KEY ("tenant_id", "kind", "year")
);
--> statement-breakpoint
-- The default only lets an insert leave the columns out: the trigger below always sets them.
ALTER TABLE "concern" ADD COLUMN "reference_year" smallint DEFAULT 0 NOT NULL;
--> statement-breakpoint
ALTER TABLE "concern" ADD COLUMN "reference_number" integer DEFAULT 0 NOT NULL;
--> statement-breakpoint
-- Number the reports already received, in the order they came. The table's owner runs migrations;
-- FORCE would hide every row from it, so it is lifted for this one statement.
ALTER TABLE "concern" NO FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
UPDATE "concern" c SET "reference_year" = n.year, "reference_number" = n.number
FROM (
  SELECT tenant_id, id, extract(year FROM received_at AT TIME ZONE 'Europe/Stockholm')::smallint AS year,
    row_number() OVER (
      PARTITION BY tenant_id, kind, extract(year FROM received_at AT TIME ZONE 'Europe/Stockholm')
      ORDER BY received_at, id
    )::integer AS number
  FROM "concern"
) n
WHERE c.tenant_id = n.tenant_id AND c.id = n.id;
--> statement-breakpoint
INSERT INTO "concern_reference_counter" ("tenant_id", "kind", "year", "last_number")
SELECT tenant_id, kind, reference_year, max(reference_number) FROM "concern" GROUP BY tenant_id, kind, reference_year;
--> statement-breakpoint
ALTER TABLE "concern" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE UNIQUE INDEX "concern_reference_idx" ON "concern" USING btree ("tenant_id", "kind", "reference_year", "reference_number");
--> statement-breakpoint
ALTER TABLE "concern_reference_counter" ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE "concern_reference_counter" FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON "concern_reference_counter"
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE ON "concern_reference_counter" TO samverka_app;
--> statement-breakpoint
-- Runs as the inserting role, under row-level security like any query. The counter row's lock
-- orders two reports of one tenant received at once; other tenants do not wait.
CREATE OR REPLACE FUNCTION app_number_concern() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  v_year smallint := extract(year FROM NEW.received_at AT TIME ZONE 'Europe/Stockholm')::smallint;
  v_number integer;
BEGIN
  INSERT INTO concern_reference_counter AS counter (tenant_id, kind, year, last_number)
  VALUES (NEW.tenant_id, NEW.kind, v_year, 1)
  ON CONFLICT (tenant_id, kind, year) DO UPDATE SET last_number = counter.last_number + 1
  RETURNING counter.last_number INTO v_number;
  NEW.reference_year := v_year;
  NEW.reference_number := v_number;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER concern_number BEFORE INSERT ON "concern"
  FOR EACH ROW EXECUTE FUNCTION app_number_concern();
