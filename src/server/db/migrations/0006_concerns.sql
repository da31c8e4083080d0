CREATE TABLE "concern" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"receipt_hash" text NOT NULL,
	"status" text DEFAULT 'mottagen' NOT NULL,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"feedback" text,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	"receiving_organisation_id" uuid NOT NULL,
	"assigned_user_id" text,
	"language" text,
	"reporter_role" text,
	"reporter_organisation_type" text,
	"reporter_duty_to_report" boolean DEFAULT false NOT NULL,
	"reporter_association_id" uuid,
	"reporter_encrypted" text,
	"subject_encrypted" text,
	"categories" text[] DEFAULT '{}'::text[] NOT NULL,
	"event_type" text,
	"description_encrypted" text NOT NULL,
	"place_encrypted" text,
	"arena_id" uuid,
	"occurred_on" date,
	"occurred_time" text,
	"guardians_know" text,
	"person_id" uuid,
	"assessment_result" text,
	"assessed_at" timestamp with time zone,
	"assessed_by" text,
	"decision" text,
	"decided_at" timestamp with time zone,
	"decided_by" text,
	"close_reason" text,
	"closed_at" timestamp with time zone,
	"closed_by" text,
	"assessment_due_at" timestamp with time zone,
	"decision_due_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "concern_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "concern_event" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"concern_id" uuid NOT NULL,
	"occurred_at" timestamp with time zone DEFAULT clock_timestamp() NOT NULL,
	"type" text NOT NULL,
	"actor_user_id" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"note_encrypted" text,
	CONSTRAINT "concern_event_tenant_id_id_pk" PRIMARY KEY("tenant_id","id")
);
--> statement-breakpoint
CREATE TABLE "concern_routing_rule" (
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"organisation_id" uuid NOT NULL,
	"notify_coordinator" boolean DEFAULT false NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "concern_routing_rule_tenant_id_kind_pk" PRIMARY KEY("tenant_id","kind")
);
--> statement-breakpoint
CREATE TABLE "public_rate_limit" (
	"key" text PRIMARY KEY NOT NULL,
	"window_start" timestamp with time zone NOT NULL,
	"count" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_tenant_id_tenant_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenant"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_assigned_user_id_user_id_fk" FOREIGN KEY ("assigned_user_id") REFERENCES "public"."user"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_tenant_id_receiving_organisation_id_organisation_tenant_id_id_fk" FOREIGN KEY ("tenant_id","receiving_organisation_id") REFERENCES "public"."organisation"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_tenant_id_reporter_association_id_organisation_tenant_id_id_fk" FOREIGN KEY ("tenant_id","reporter_association_id") REFERENCES "public"."organisation"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern" ADD CONSTRAINT "concern_tenant_id_person_id_person_tenant_id_id_fk" FOREIGN KEY ("tenant_id","person_id") REFERENCES "public"."person"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_event" ADD CONSTRAINT "concern_event_tenant_id_concern_id_concern_tenant_id_id_fk" FOREIGN KEY ("tenant_id","concern_id") REFERENCES "public"."concern"("tenant_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "concern_routing_rule" ADD CONSTRAINT "concern_routing_rule_tenant_id_organisation_id_organisation_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisation"("tenant_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "concern_receipt_hash_idx" ON "concern" USING btree ("receipt_hash");--> statement-breakpoint
CREATE INDEX "concern_tenant_inbox_idx" ON "concern" USING btree ("tenant_id","receiving_organisation_id","status","received_at");--> statement-breakpoint
CREATE INDEX "concern_tenant_assignee_idx" ON "concern" USING btree ("tenant_id","assigned_user_id");--> statement-breakpoint
CREATE INDEX "concern_tenant_person_idx" ON "concern" USING btree ("tenant_id","person_id");--> statement-breakpoint
CREATE INDEX "concern_event_tenant_concern_idx" ON "concern_event" USING btree ("tenant_id","concern_id","occurred_at");