CREATE TABLE "event_registration_links" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"registration_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "email_outbox" ADD COLUMN "registration_id" uuid;--> statement-breakpoint
ALTER TABLE "search_terms" ADD COLUMN "public_docs" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "search_terms" ADD COLUMN "staff_docs" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "event_registration_links" ADD CONSTRAINT "event_registration_links_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_registration_links_registration_idx" ON "event_registration_links" USING btree ("registration_id");--> statement-breakpoint
ALTER TABLE "email_outbox" ADD CONSTRAINT "email_outbox_registration_id_event_registrations_id_fk" FOREIGN KEY ("registration_id") REFERENCES "public"."event_registrations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "email_outbox_registration_idx" ON "email_outbox" USING btree ("registration_id");--> statement-breakpoint
CREATE INDEX "email_outbox_created_idx" ON "email_outbox" USING btree ("created_at");--> statement-breakpoint
-- Registration tokens are kept only as hashes: the same hex SHA-256 as hashToken() in app/features/identity/tokens.server.ts.
INSERT INTO "event_registration_links" ("token_hash", "registration_id", "created_at")
  SELECT encode(sha256(convert_to("token", 'UTF8')), 'hex'), "id", "created_at" FROM "event_registrations" WHERE "token" IS NOT NULL;--> statement-breakpoint
-- Registration e-mails carry the registration's link: that ties each one to its registration.
UPDATE "email_outbox" o SET "registration_id" = r."id" FROM "event_registrations" r
  WHERE o."kind" LIKE 'event.%' AND r."token" = substring(o."text_body" from '/registrations/([A-Za-z0-9_-]+)');--> statement-breakpoint
-- E-mails whose registration was erased before this release go now, as they would have with it.
DELETE FROM "email_outbox" WHERE "kind" LIKE 'event.%' AND "registration_id" IS NULL AND "text_body" ~ '/registrations/[A-Za-z0-9_-]+';--> statement-breakpoint
DROP INDEX "event_registrations_token_key";--> statement-breakpoint
ALTER TABLE "event_registrations" DROP COLUMN "token";--> statement-breakpoint
-- The typo dictionary counted again from the index: only words some document still holds, per audience.
DELETE FROM "search_terms";--> statement-breakpoint
INSERT INTO "search_terms" ("word", "public_docs", "staff_docs")
  SELECT w, count(*) FILTER (WHERE d."visibility" = 'public'), count(*) FILTER (WHERE d."visibility" = 'staff')
  FROM "search_documents" d CROSS JOIN LATERAL unnest(d."words") AS w
  WHERE char_length(w) BETWEEN 4 AND 40
  GROUP BY w;
