ALTER TABLE "email_outbox" ADD COLUMN "channel" text DEFAULT 'email' NOT NULL;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "registered_by_institution_id" uuid;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "called_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD COLUMN "called_by" uuid;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_registered_by_institution_id_institutions_id_fk" FOREIGN KEY ("registered_by_institution_id") REFERENCES "public"."institutions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_called_by_users_id_fk" FOREIGN KEY ("called_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_code_key" ON "event_registrations" USING btree ("event_id","code");--> statement-breakpoint
CREATE INDEX "event_registrations_phone_idx" ON "event_registrations" USING btree ("event_id","phone");--> statement-breakpoint
-- hand-written
-- Phones typed before issue #19 in any Bulgarian spelling become E.164 (+359…), so look-ups and duplicates find them.
UPDATE "event_registrations" SET "phone" = CASE
    WHEN regexp_replace("phone", '\D', '', 'g') ~ '^0(8[7-9]\d{7}|9[89]\d{7}|[2-9]\d{7})$' THEN '+359' || substr(regexp_replace("phone", '\D', '', 'g'), 2)
    WHEN regexp_replace("phone", '\D', '', 'g') ~ '^00359(8[7-9]\d{7}|9[89]\d{7}|[2-9]\d{7})$' THEN '+' || substr(regexp_replace("phone", '\D', '', 'g'), 3)
    WHEN regexp_replace("phone", '\D', '', 'g') ~ '^359(8[7-9]\d{7}|9[89]\d{7}|[2-9]\d{7})$' THEN '+' || regexp_replace("phone", '\D', '', 'g')
    ELSE "phone" END
  WHERE "phone" IS NOT NULL;--> statement-breakpoint
-- Registration numbers for earlier registrations: distinct within an event (7919 and 900000 share no factor).
UPDATE "event_registrations" r SET "code" = (100000 + (n.rn * 7919) % 900000)::text
  FROM (SELECT "id", row_number() OVER (PARTITION BY "event_id" ORDER BY "created_at", "id") AS rn
        FROM "event_registrations" WHERE "code" IS NULL) n
  WHERE r."id" = n."id";
