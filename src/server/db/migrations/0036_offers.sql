-- Offers (insatskatalog), issue 15 §3. An offer belongs to its provider organisation; (tenant_id, id)
-- is the key a referral (issue 15 §4) will point at, so offers are archived, never deleted. Text fields
-- refuse a personnummer in the API; the named contact person is never sent to the public page.
CREATE TABLE "offer" (
	"tenant_id" uuid NOT NULL,
	"id" uuid DEFAULT gen_random_uuid() NOT NULL,
	"provider_organisation_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"target_group" text NOT NULL,
	"age_from" integer,
	"age_to" integer,
	"languages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"times" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"capacity" integer,
	"taken" integer DEFAULT 0 NOT NULL,
	"cost" text DEFAULT 'gratis' NOT NULL,
	"how_to_refer" text DEFAULT '' NOT NULL,
	"contact_label" text,
	"contact_phone" text,
	"contact_email" text,
	"contact_person" text,
	"public" boolean DEFAULT false NOT NULL,
	"archived_at" timestamp with time zone,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "offer_tenant_id_id_pk" PRIMARY KEY("tenant_id","id"),
	CONSTRAINT "offer_kind" CHECK ("offer"."kind" IN ('mentorskap', 'foraldraprogram', 'mammagrupp', 'utokade_hembesok', 'oppen_verksamhet', 'feriejobb_praktik', 'avhopparstod', 'annat')),
	CONSTRAINT "offer_target_group" CHECK ("offer"."target_group" IN ('unga', 'foraldrar', 'bada')),
	CONSTRAINT "offer_ages" CHECK ("offer"."age_from" IS NULL OR "offer"."age_to" IS NULL OR "offer"."age_from" <= "offer"."age_to"),
	CONSTRAINT "offer_capacity" CHECK (("offer"."capacity" IS NULL OR "offer"."capacity" > 0) AND "offer"."taken" >= 0)
);
--> statement-breakpoint
CREATE INDEX "offer_public_idx" ON "offer" ("tenant_id", "public");
--> statement-breakpoint
CREATE TABLE "offer_place" (
	"tenant_id" uuid NOT NULL,
	"offer_id" uuid NOT NULL,
	"place_id" uuid NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "offer_place_pk" PRIMARY KEY("tenant_id","offer_id","place_id")
);
--> statement-breakpoint
ALTER TABLE "offer" ADD CONSTRAINT "offer_provider_fk" FOREIGN KEY ("tenant_id","provider_organisation_id") REFERENCES "organisation"("tenant_id","id");
--> statement-breakpoint
ALTER TABLE "offer_place" ADD CONSTRAINT "offer_place_offer_fk" FOREIGN KEY ("tenant_id","offer_id") REFERENCES "offer"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE "offer_place" ADD CONSTRAINT "offer_place_place_fk" FOREIGN KEY ("tenant_id","place_id") REFERENCES "place"("tenant_id","id") ON DELETE cascade;
--> statement-breakpoint
ALTER TABLE offer ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE offer FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON offer
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
ALTER TABLE offer_place ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE offer_place FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY tenant_isolation ON offer_place
  USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON offer, offer_place TO samverka_app;
