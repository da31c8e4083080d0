-- Offers get an optional period (issue 15 §7: summer jobs and internships run June–August, say).
-- Either end may be open; the public page leaves out an offer whose last day has passed.
ALTER TABLE "offer" ADD COLUMN "available_from" date;
--> statement-breakpoint
ALTER TABLE "offer" ADD COLUMN "available_until" date;
--> statement-breakpoint
ALTER TABLE "offer" ADD CONSTRAINT "offer_period" CHECK ("offer"."available_from" IS NULL OR "offer"."available_until" IS NULL OR "offer"."available_until" >= "offer"."available_from");
