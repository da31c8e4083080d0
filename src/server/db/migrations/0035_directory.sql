-- The partner directory (issue 15 §1): key persons (nyckelpersoner) per organisation, and the
-- organisationsnummer of businesses and associations. Only work contact data; each key person carries
-- the legal basis for processing it. Forums do not exist yet: `forums` holds their names as free text
-- until a forum table replaces it.
ALTER TABLE "organisation" ADD COLUMN "organisation_number" text;
--> statement-breakpoint
CREATE TABLE "key_person" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"organisation_id" uuid NOT NULL,
	"name" text NOT NULL,
	"role" text NOT NULL,
	"role_other" text,
	"phone" text,
	"email" text,
	"forums" text[] DEFAULT '{}' NOT NULL,
	"legal_basis" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" text,
	CONSTRAINT "key_person_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "key_person_reachable" CHECK ("key_person"."phone" IS NOT NULL OR "key_person"."email" IS NOT NULL),
	CONSTRAINT "key_person_role_other" CHECK (("key_person"."role" = 'annan') = ("key_person"."role_other" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "key_person" ADD CONSTRAINT "key_person_tenant_id_organisation_id_organisation_tenant_id_id_fk" FOREIGN KEY ("tenant_id","organisation_id") REFERENCES "public"."organisation"("tenant_id","id") ON DELETE cascade ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "key_person_tenant_organisation_idx" ON "key_person" USING btree ("tenant_id","organisation_id");
--> statement-breakpoint
ALTER TABLE key_person ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE key_person FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON key_person
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON key_person TO samverka_app;
