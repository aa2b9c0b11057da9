CREATE TABLE "search_documents" (
	"doc_type" text NOT NULL,
	"doc_id" text NOT NULL,
	"visibility" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"url" text NOT NULL,
	"tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"districts" text[] DEFAULT '{}'::text[] NOT NULL,
	"institution_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"date" timestamp with time zone,
	"popularity" integer DEFAULT 0 NOT NULL,
	"vector" "tsvector" NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_documents_doc_type_doc_id_pk" PRIMARY KEY("doc_type","doc_id")
);
--> statement-breakpoint
CREATE TABLE "search_terms" (
	"word" text PRIMARY KEY NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_case_links" (
	"practice_id" uuid NOT NULL,
	"case_code" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_case_links_practice_id_case_code_pk" PRIMARY KEY("practice_id","case_code")
);
--> statement-breakpoint
CREATE TABLE "practice_revisions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"practice_id" uuid NOT NULL,
	"version" integer NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"sections" jsonb NOT NULL,
	"edited_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "practice_useful_marks" (
	"practice_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "practice_useful_marks_practice_id_user_id_pk" PRIMARY KEY("practice_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "practices" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"summary" text NOT NULL,
	"sections" jsonb NOT NULL,
	"section_texts" jsonb NOT NULL,
	"situation_tags" text[] DEFAULT '{}'::text[] NOT NULL,
	"age_bands" text[] DEFAULT '{}'::text[] NOT NULL,
	"education_stages" text[] DEFAULT '{}'::text[] NOT NULL,
	"institution_kinds" text[] DEFAULT '{}'::text[] NOT NULL,
	"districts" text[] DEFAULT '{}'::text[] NOT NULL,
	"author_id" uuid NOT NULL,
	"institution_id" uuid NOT NULL,
	"source_case_code" text,
	"review_comment" text,
	"reviewed_by" uuid,
	"useful_count" integer DEFAULT 0 NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"submitted_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "practice_case_links" ADD CONSTRAINT "practice_case_links_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_revisions" ADD CONSTRAINT "practice_revisions_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_revisions" ADD CONSTRAINT "practice_revisions_edited_by_users_id_fk" FOREIGN KEY ("edited_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_useful_marks" ADD CONSTRAINT "practice_useful_marks_practice_id_practices_id_fk" FOREIGN KEY ("practice_id") REFERENCES "public"."practices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practice_useful_marks" ADD CONSTRAINT "practice_useful_marks_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_institution_id_institutions_id_fk" FOREIGN KEY ("institution_id") REFERENCES "public"."institutions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "practices" ADD CONSTRAINT "practices_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "search_documents_vector_idx" ON "search_documents" USING gin ("vector");--> statement-breakpoint
CREATE INDEX "search_documents_tags_idx" ON "search_documents" USING gin ("tags");--> statement-breakpoint
CREATE INDEX "search_documents_districts_idx" ON "search_documents" USING gin ("districts");--> statement-breakpoint
CREATE INDEX "search_documents_kinds_idx" ON "search_documents" USING gin ("institution_kinds");--> statement-breakpoint
CREATE INDEX "search_documents_date_idx" ON "search_documents" USING btree ("date");--> statement-breakpoint
CREATE INDEX "search_terms_trgm_idx" ON "search_terms" USING gist ("word" gist_trgm_ops);--> statement-breakpoint
CREATE INDEX "practice_case_links_case_idx" ON "practice_case_links" USING btree ("case_code");--> statement-breakpoint
CREATE UNIQUE INDEX "practice_revisions_version_key" ON "practice_revisions" USING btree ("practice_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "practices_slug_key" ON "practices" USING btree ("slug");--> statement-breakpoint
CREATE INDEX "practices_status_published_idx" ON "practices" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "practices_author_idx" ON "practices" USING btree ("author_id");