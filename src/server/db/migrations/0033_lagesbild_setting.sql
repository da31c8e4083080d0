-- The tenant's small-cell threshold k (issue 14 §4): counts from 1 to k−1 are shown as "< k" wherever
-- aggregated figures leave the exact view (the analyst, shared PDFs, exports). An administrator sets it;
-- without a row the default 5 applies. Never below 3 (src/shared/suppression.ts, MIN_SUPPRESSION_K).
CREATE TABLE "lagesbild_setting" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"suppression_k" integer DEFAULT 5 NOT NULL,
	"updated_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "lagesbild_setting_k" CHECK ("lagesbild_setting"."suppression_k" BETWEEN 3 AND 100)
);
--> statement-breakpoint
ALTER TABLE "lagesbild_setting" ADD CONSTRAINT "lagesbild_setting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
ALTER TABLE lagesbild_setting ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE lagesbild_setting FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON lagesbild_setting
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON lagesbild_setting TO samverka_app;
