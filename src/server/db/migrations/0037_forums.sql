-- Forums (samverkansforum), issue 15 §2: a forum has members (organisations, users, key persons),
-- meetings with an ordered agenda, attendance, minutes per item (encrypted: they can hold personal
-- data) and decisions followed up at every later meeting. A case on an agenda is stored as its id only.
-- A named user member keeps the organisation they sit for (organisation_id), so their meeting time
-- counts for it in the time-for-collaboration report; only kind 'organisation' makes a member organisation.
CREATE TABLE "forum" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"chair_user_id" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "forum_type" CHECK ("forum"."type" IN ('styrgrupp', 'operativ_grupp', 'est_grupp', 'trygghetsrad', 'natverk'))
);
--> statement-breakpoint
CREATE TABLE "forum_member" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"forum_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" uuid,
	"user_id" text,
	"key_person_id" uuid,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "forum_member_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "forum_member_kind" CHECK (
		("kind" = 'organisation' AND "organisation_id" IS NOT NULL AND "user_id" IS NULL AND "key_person_id" IS NULL)
		OR ("kind" = 'user' AND "user_id" IS NOT NULL AND "key_person_id" IS NULL)
		OR ("kind" = 'key_person' AND "key_person_id" IS NOT NULL AND "organisation_id" IS NULL AND "user_id" IS NULL))
);
--> statement-breakpoint
CREATE INDEX "forum_member_forum_idx" ON "forum_member" ("tenant_id", "forum_id");
--> statement-breakpoint
CREATE TABLE "forum_meeting" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"forum_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"duration_minutes" integer NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"justerare_user_id" text,
	"approved_at" timestamp with time zone,
	"approved_by" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_meeting_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "forum_meeting_duration" CHECK ("duration_minutes" > 0)
);
--> statement-breakpoint
CREATE INDEX "forum_meeting_forum_idx" ON "forum_meeting" ("tenant_id", "forum_id", "starts_at");
--> statement-breakpoint
CREATE TABLE "forum_agenda_item" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"meeting_id" uuid NOT NULL,
	"position" integer NOT NULL,
	"title" text NOT NULL,
	"link_kind" text,
	"link_ref" text,
	"minutes_encrypted" text,
	CONSTRAINT "forum_agenda_item_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "forum_agenda_item_link" CHECK (("link_kind" IS NULL) = ("link_ref" IS NULL)),
	CONSTRAINT "forum_agenda_item_link_kind" CHECK ("link_kind" IS NULL OR "link_kind" IN ('lagesbild_week', 'place', 'place_action', 'offer', 'decision', 'sspf_case'))
);
--> statement-breakpoint
CREATE INDEX "forum_agenda_item_meeting_idx" ON "forum_agenda_item" ("tenant_id", "meeting_id", "position");
--> statement-breakpoint
CREATE TABLE "forum_attendance" (
	"tenant_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"member_id" uuid NOT NULL,
	"present" boolean NOT NULL,
	CONSTRAINT "forum_attendance_pk" PRIMARY KEY("tenant_id","meeting_id","member_id")
);
--> statement-breakpoint
CREATE TABLE "forum_decision" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"forum_id" uuid NOT NULL,
	"meeting_id" uuid NOT NULL,
	"text" text NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"owner_user_id" text,
	"owner_name" text,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	-- The meeting whose follow-up closed it (done or cancelled there), so that meeting keeps showing it.
	"closed_at_meeting_id" uuid,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "forum_decision_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "forum_decision_status" CHECK ("status" IN ('open', 'in_progress', 'done', 'cancelled'))
);
--> statement-breakpoint
CREATE INDEX "forum_decision_forum_idx" ON "forum_decision" ("tenant_id", "forum_id", "status");
--> statement-breakpoint
ALTER TABLE "forum_member" ADD CONSTRAINT "forum_member_forum_fk" FOREIGN KEY ("tenant_id","forum_id") REFERENCES "forum"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "forum_member" ADD CONSTRAINT "forum_member_organisation_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "organisation"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "forum_member" ADD CONSTRAINT "forum_member_key_person_fk" FOREIGN KEY ("tenant_id","key_person_id") REFERENCES "key_person"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "forum_meeting" ADD CONSTRAINT "forum_meeting_forum_fk" FOREIGN KEY ("tenant_id","forum_id") REFERENCES "forum"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "forum_agenda_item" ADD CONSTRAINT "forum_agenda_item_meeting_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "forum_meeting"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "forum_attendance" ADD CONSTRAINT "forum_attendance_meeting_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "forum_meeting"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "forum_attendance" ADD CONSTRAINT "forum_attendance_member_fk" FOREIGN KEY ("tenant_id","member_id") REFERENCES "forum_member"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "forum_decision" ADD CONSTRAINT "forum_decision_meeting_fk" FOREIGN KEY ("tenant_id","meeting_id") REFERENCES "forum_meeting"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "forum_decision" ADD CONSTRAINT "forum_decision_owner_fk" FOREIGN KEY ("tenant_id","owner_organisation_id") REFERENCES "organisation"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE forum ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE forum FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON forum
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE forum_member ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE forum_member FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON forum_member
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE forum_meeting ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE forum_meeting FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON forum_meeting
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE forum_agenda_item ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE forum_agenda_item FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON forum_agenda_item
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE forum_attendance ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE forum_attendance FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON forum_attendance
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE forum_decision ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE forum_decision FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON forum_decision
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON forum, forum_member, forum_meeting, forum_agenda_item, forum_attendance, forum_decision TO samverka_app;
