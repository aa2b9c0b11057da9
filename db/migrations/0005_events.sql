CREATE TABLE "event_registrations" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"session_id" uuid NOT NULL,
	"token" text,
	"status" text NOT NULL,
	"seats" integer NOT NULL,
	"waitlist_ticket" integer,
	"name" text,
	"email" text,
	"phone" text,
	"age_group" text,
	"locale" text DEFAULT 'bg' NOT NULL,
	"source" text DEFAULT 'public' NOT NULL,
	"added_by" uuid,
	"consent_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"promoted_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"reminder_sent_at" timestamp with time zone,
	"checked_in_at" timestamp with time zone,
	"checked_in_by" uuid,
	"erased_at" timestamp with time zone,
	CONSTRAINT "event_registrations_seats_check" CHECK ("event_registrations"."seats" between 1 and 50)
);
--> statement-breakpoint
CREATE TABLE "event_sessions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"starts_at" timestamp with time zone NOT NULL,
	"ends_at" timestamp with time zone NOT NULL,
	"capacity" integer NOT NULL,
	"max_seats_per_registration" integer DEFAULT 5 NOT NULL,
	"confirmed_seats" integer DEFAULT 0 NOT NULL,
	"waitlist_count" integer DEFAULT 0 NOT NULL,
	"last_waitlist_ticket" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_sessions_capacity_check" CHECK ("event_sessions"."capacity" >= 1),
	CONSTRAINT "event_sessions_seats_check" CHECK ("event_sessions"."max_seats_per_registration" between 1 and 50),
	CONSTRAINT "event_sessions_times_check" CHECK ("event_sessions"."ends_at" > "event_sessions"."starts_at"),
	CONSTRAINT "event_sessions_not_overbooked" CHECK ("event_sessions"."confirmed_seats" between 0 and "event_sessions"."capacity")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description_doc" jsonb,
	"description_text" text DEFAULT '' NOT NULL,
	"organiser_institution_id" uuid NOT NULL,
	"district_code" text,
	"location_address" text NOT NULL,
	"location_map_url" text,
	"audience" text DEFAULT 'public' NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"retention_days" integer DEFAULT 30 NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"personal_data_erased_at" timestamp with time zone,
	CONSTRAINT "events_retention_days_check" CHECK ("events"."retention_days" between 1 and 365)
);
--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_session_id_event_sessions_id_fk" FOREIGN KEY ("session_id") REFERENCES "public"."event_sessions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_registrations" ADD CONSTRAINT "event_registrations_checked_in_by_users_id_fk" FOREIGN KEY ("checked_in_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_sessions" ADD CONSTRAINT "event_sessions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_organiser_institution_id_institutions_id_fk" FOREIGN KEY ("organiser_institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_token_key" ON "event_registrations" USING btree ("token");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_ticket_key" ON "event_registrations" USING btree ("session_id","waitlist_ticket");--> statement-breakpoint
CREATE UNIQUE INDEX "event_registrations_active_email_key" ON "event_registrations" USING btree ("session_id",lower("email")) WHERE "event_registrations"."status" <> 'cancelled' and "event_registrations"."email" is not null;--> statement-breakpoint
CREATE INDEX "event_registrations_session_idx" ON "event_registrations" USING btree ("session_id","status");--> statement-breakpoint
CREATE INDEX "event_registrations_event_idx" ON "event_registrations" USING btree ("event_id","created_at");--> statement-breakpoint
CREATE INDEX "event_registrations_reminder_idx" ON "event_registrations" USING btree ("status","reminder_sent_at");--> statement-breakpoint
CREATE INDEX "event_sessions_event_idx" ON "event_sessions" USING btree ("event_id","starts_at");--> statement-breakpoint
CREATE INDEX "event_sessions_starts_idx" ON "event_sessions" USING btree ("starts_at");--> statement-breakpoint
CREATE UNIQUE INDEX "events_slug_key" ON "events" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "events_status_idx" ON "events" USING btree ("status");--> statement-breakpoint
CREATE INDEX "events_organiser_idx" ON "events" USING btree ("organiser_institution_id");