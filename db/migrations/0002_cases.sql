CREATE TABLE "case_code_counters" (
	"year" integer PRIMARY KEY NOT NULL,
	"last" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_flags" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"reply_id" uuid,
	"reporter_id" uuid NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"resolved_at" timestamp with time zone,
	"resolved_by" uuid,
	"resolution" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_institutions" (
	"case_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	CONSTRAINT "case_institutions_case_id_institution_id_pk" PRIMARY KEY("case_id","institution_id")
);
--> statement-breakpoint
CREATE TABLE "case_reads" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"last_read_number" integer DEFAULT 0 NOT NULL,
	"last_read_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_reads_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "case_replies" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"number" integer NOT NULL,
	"author_id" uuid NOT NULL,
	"body_doc" jsonb NOT NULL,
	"body_text" text NOT NULL,
	"quoted_reply_id" uuid,
	"hidden_at" timestamp with time zone,
	"edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_revisions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"reply_id" uuid,
	"editor_id" uuid NOT NULL,
	"previous_title" text,
	"previous_doc" jsonb NOT NULL,
	"previous_text" text NOT NULL,
	"edited_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_status_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"actor_id" uuid NOT NULL,
	"from_status" text NOT NULL,
	"to_status" text NOT NULL,
	"outcome" text,
	"at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_threads" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"title" text NOT NULL,
	"description_doc" jsonb NOT NULL,
	"description_text" text NOT NULL,
	"district_code" text,
	"age_band" text NOT NULL,
	"education_stage" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"status_changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"status_changed_by" uuid,
	"author_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"accepted_reply_id" uuid,
	"reply_count" integer DEFAULT 0 NOT NULL,
	"locked_at" timestamp with time zone,
	"hidden_at" timestamp with time zone,
	"edited_at" timestamp with time zone,
	"last_activity_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_threads_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "case_views" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"viewed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_watchers" (
	"case_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_watchers_case_id_user_id_pk" PRIMARY KEY("case_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_case_id_case_threads_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_reply_id_case_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."case_replies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_flags" ADD CONSTRAINT "case_flags_resolved_by_users_id_fk" FOREIGN KEY ("resolved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_institutions" ADD CONSTRAINT "case_institutions_case_id_case_threads_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_institutions" ADD CONSTRAINT "case_institutions_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reads" ADD CONSTRAINT "case_reads_case_id_case_threads_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_reads" ADD CONSTRAINT "case_reads_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_replies" ADD CONSTRAINT "case_replies_case_id_case_threads_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_replies" ADD CONSTRAINT "case_replies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_revisions" ADD CONSTRAINT "case_revisions_case_id_case_threads_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_revisions" ADD CONSTRAINT "case_revisions_reply_id_case_replies_id_fk" FOREIGN KEY ("reply_id") REFERENCES "public"."case_replies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_revisions" ADD CONSTRAINT "case_revisions_editor_id_users_id_fk" FOREIGN KEY ("editor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_changes" ADD CONSTRAINT "case_status_changes_case_id_case_threads_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_status_changes" ADD CONSTRAINT "case_status_changes_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_threads" ADD CONSTRAINT "case_threads_status_changed_by_users_id_fk" FOREIGN KEY ("status_changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_threads" ADD CONSTRAINT "case_threads_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_threads" ADD CONSTRAINT "case_threads_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_views" ADD CONSTRAINT "case_views_case_id_case_threads_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_views" ADD CONSTRAINT "case_views_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_watchers" ADD CONSTRAINT "case_watchers_case_id_case_threads_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_watchers" ADD CONSTRAINT "case_watchers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_flags_open_idx" ON "case_flags" USING btree ("resolved_at","created_at");--> statement-breakpoint
CREATE INDEX "case_flags_case_idx" ON "case_flags" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_institutions_institution_idx" ON "case_institutions" USING btree ("institution_id");--> statement-breakpoint
CREATE INDEX "case_reads_user_idx" ON "case_reads" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "case_replies_number_key" ON "case_replies" USING btree ("case_id","number");--> statement-breakpoint
CREATE INDEX "case_replies_author_idx" ON "case_replies" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "case_revisions_case_idx" ON "case_revisions" USING btree ("case_id","edited_at");--> statement-breakpoint
CREATE INDEX "case_status_changes_case_idx" ON "case_status_changes" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_threads_activity_idx" ON "case_threads" USING btree ("last_activity_at");--> statement-breakpoint
CREATE INDEX "case_threads_created_idx" ON "case_threads" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "case_threads_status_idx" ON "case_threads" USING btree ("status");--> statement-breakpoint
CREATE INDEX "case_threads_author_idx" ON "case_threads" USING btree ("author_id");--> statement-breakpoint
CREATE INDEX "case_threads_tags_idx" ON "case_threads" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "case_views_case_idx" ON "case_views" USING btree ("case_id","viewed_at");--> statement-breakpoint
CREATE INDEX "case_watchers_user_idx" ON "case_watchers" USING btree ("user_id");