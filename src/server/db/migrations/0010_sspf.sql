CREATE TABLE "case_action" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"goal_id" uuid,
	"type" text NOT NULL,
	"responsible_organisation_id" uuid NOT NULL,
	"responsible_user_id" text,
	"what_encrypted" text NOT NULL,
	"start_on" date NOT NULL,
	"due_on" date NOT NULL,
	"status" text DEFAULT 'planerad' NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_action_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_event" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid NOT NULL,
	"type" text NOT NULL,
	"section" text,
	"actor_user_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_event_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_factor" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"domain" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"category" text NOT NULL,
	"crime_data" boolean DEFAULT false NOT NULL,
	"note_encrypted" text NOT NULL,
	"source_organisation_id" uuid NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_factor_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_goal" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"text_encrypted" text NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_goal_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_guardian" (
	"tenant_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"guardian_id" uuid NOT NULL,
	"participates" boolean NOT NULL,
	"note_encrypted" text,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_guardian_tenant_id_case_id_guardian_id_pk" PRIMARY KEY("tenant_id","case_id","guardian_id")
);
--> statement-breakpoint
CREATE TABLE "case_meeting" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"held_on" date NOT NULL,
	"held" boolean DEFAULT true NOT NULL,
	"participants_encrypted" text NOT NULL,
	"decisions_encrypted" text NOT NULL,
	"action_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_meeting_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "case_member" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"case_role" text NOT NULL,
	"legal_basis" text,
	"added_by" text NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone,
	CONSTRAINT "case_member_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "consent" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"case_id" uuid,
	"organisation_ids" uuid[] NOT NULL,
	"user_ids" text[] DEFAULT '{}'::text[] NOT NULL,
	"categories" text[] NOT NULL,
	"purpose_encrypted" text NOT NULL,
	"valid_from" date NOT NULL,
	"valid_to" date NOT NULL,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" text,
	"withdrawal_encrypted" text,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "consent_document" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"content_type" text NOT NULL,
	"size" integer NOT NULL,
	"sha256" text NOT NULL,
	"content_encrypted" text NOT NULL,
	"uploaded_by" text NOT NULL,
	"uploaded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_document_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "consent_party" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"consent_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"guardian_id" uuid,
	"method" text NOT NULL,
	"witness_encrypted" text,
	"given_on" date NOT NULL,
	"document_id" uuid,
	"recorded_by" text NOT NULL,
	"recorded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "consent_party_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "reminder_notice" (
	"tenant_id" uuid NOT NULL,
	"subject_id" uuid NOT NULL,
	"reminder" text NOT NULL,
	"sent_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_notice_tenant_id_subject_id_reminder_pk" PRIMARY KEY("tenant_id","subject_id","reminder")
);
--> statement-breakpoint
CREATE TABLE "retention_run" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"dry_run" boolean NOT NULL,
	"summary" jsonb NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "retention_run_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sspf_case" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"person_id" uuid NOT NULL,
	"concern_id" uuid,
	"status" text DEFAULT 'aktualiserad' NOT NULL,
	"director_user_id" text NOT NULL,
	"owner_organisation_id" uuid NOT NULL,
	"consent_id" uuid,
	"protected_decision_allow" boolean,
	"protected_decision_at" timestamp with time zone,
	"protected_decision_by" text,
	"protected_decision_note_encrypted" text,
	"close_reason" text,
	"outcome" text,
	"close_note_encrypted" text,
	"opened_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sspf_case_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "sspf_setting" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"young_person_consent_age" integer DEFAULT 15 NOT NULL,
	"retention_years" jsonb DEFAULT '{"case":5,"concern":5,"consent":5}'::jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "case_action" ADD CONSTRAINT "case_action_tenant_id_case_id_sspf_case_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."sspf_case"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_event" ADD CONSTRAINT "case_event_tenant_id_case_id_sspf_case_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."sspf_case"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_factor" ADD CONSTRAINT "case_factor_tenant_id_case_id_sspf_case_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."sspf_case"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_goal" ADD CONSTRAINT "case_goal_tenant_id_case_id_sspf_case_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."sspf_case"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_guardian" ADD CONSTRAINT "case_guardian_tenant_id_case_id_sspf_case_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."sspf_case"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_meeting" ADD CONSTRAINT "case_meeting_tenant_id_case_id_sspf_case_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."sspf_case"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_member" ADD CONSTRAINT "case_member_tenant_id_case_id_sspf_case_tenant_id_id_fk" FOREIGN KEY ("tenant_id","case_id") REFERENCES "public"."sspf_case"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent" ADD CONSTRAINT "consent_tenant_id_person_id_person_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."person"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_document" ADD CONSTRAINT "consent_document_tenant_id_person_id_person_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."person"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "consent_party" ADD CONSTRAINT "consent_party_tenant_id_consent_id_consent_tenant_id_id_fk" FOREIGN KEY ("tenant_id","consent_id") REFERENCES "public"."consent"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sspf_case" ADD CONSTRAINT "sspf_case_tenant_id_person_id_person_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."person"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sspf_setting" ADD CONSTRAINT "sspf_setting_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_action_case_idx" ON "case_action" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "case_action_due_idx" ON "case_action" USING btree ("tenant_id","due_on");--> statement-breakpoint
CREATE INDEX "case_event_person_idx" ON "case_event" USING btree ("tenant_id","person_id","at");--> statement-breakpoint
CREATE INDEX "case_factor_case_idx" ON "case_factor" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "case_meeting_held_idx" ON "case_meeting" USING btree ("tenant_id","held_on");--> statement-breakpoint
CREATE INDEX "case_member_user_idx" ON "case_member" USING btree ("tenant_id","user_id");--> statement-breakpoint
CREATE INDEX "case_member_case_idx" ON "case_member" USING btree ("tenant_id","case_id");--> statement-breakpoint
CREATE INDEX "consent_person_idx" ON "consent" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "consent_valid_to_idx" ON "consent" USING btree ("tenant_id","valid_to");--> statement-breakpoint
CREATE INDEX "consent_party_consent_idx" ON "consent_party" USING btree ("tenant_id","consent_id");--> statement-breakpoint
CREATE INDEX "sspf_case_person_idx" ON "sspf_case" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "sspf_case_status_idx" ON "sspf_case" USING btree ("tenant_id","status");