-- Place actions (åtgärder), the yearly action plan (åtgärdsplan) and its reviews, issue 14 §3.
-- About places, never about people: the description refuses a personnummer (checked in the API), the
-- owner is a member of staff (a membership) or a key person's name given freely.
CREATE TABLE "place_action" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"place_id" uuid,
	"area_id" uuid,
	"cell" text,
	"iso_week" integer NOT NULL,
	"title" text NOT NULL,
	"kind" text NOT NULL,
	"description" text,
	"owner_organisation_id" uuid NOT NULL,
	"owner_membership_id" uuid,
	"owner_name" text,
	"due_date" date,
	"status" text DEFAULT 'planerad' NOT NULL,
	"plan_id" uuid,
	"decided_at" timestamp with time zone DEFAULT now() NOT NULL,
	"decided_by" text,
	"completed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "place_action_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "place_action_kind" CHECK ("place_action"."kind" IN ('belysning', 'rojning', 'narvaro', 'samtal_butiksagare', 'annat')),
	CONSTRAINT "place_action_status" CHECK ("place_action"."status" IN ('planerad', 'pagar', 'genomford', 'avbruten')),
	CONSTRAINT "place_action_where" CHECK ("place_action"."place_id" IS NOT NULL OR "place_action"."area_id" IS NOT NULL OR "place_action"."cell" IS NOT NULL)
);
--> statement-breakpoint
CREATE INDEX "place_action_status_idx" ON "place_action" ("tenant_id", "status", "due_date");
--> statement-breakpoint
CREATE TABLE "action_plan" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"year" integer NOT NULL,
	"priorities" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"follow_up" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'utkast' NOT NULL,
	"adopted_at" timestamp with time zone,
	"adopted_by" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "action_plan_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "action_plan_status" CHECK ("action_plan"."status" IN ('utkast', 'antagen'))
);
--> statement-breakpoint
CREATE UNIQUE INDEX "action_plan_year_idx" ON "action_plan" ("tenant_id", "year");
--> statement-breakpoint
CREATE TABLE "plan_review" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"plan_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"period" text NOT NULL,
	"text" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "plan_review_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "plan_review_kind" CHECK ("plan_review"."kind" IN ('kvartal', 'ar'))
);
--> statement-breakpoint
ALTER TABLE "place_action" ADD CONSTRAINT "place_action_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id");
--> statement-breakpoint
ALTER TABLE "place_action" ADD CONSTRAINT "place_action_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "action_plan"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "action_plan" ADD CONSTRAINT "action_plan_tenant_fk" FOREIGN KEY ("tenant_id") REFERENCES "tenant"("id");
--> statement-breakpoint
ALTER TABLE "plan_review" ADD CONSTRAINT "plan_review_plan_fk" FOREIGN KEY ("tenant_id","plan_id") REFERENCES "action_plan"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE place_action ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE place_action FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON place_action
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE action_plan ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE action_plan FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON action_plan
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE plan_review ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE plan_review FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON plan_review
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON place_action, action_plan, plan_review TO samverka_app;
