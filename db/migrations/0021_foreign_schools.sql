CREATE TABLE "foreign_school_answers" (
	"school_id" uuid PRIMARY KEY NOT NULL,
	"pupils_0_6" integer DEFAULT 0 NOT NULL,
	"pupils_7_10" integer DEFAULT 0 NOT NULL,
	"pupils_11_14" integer DEFAULT 0 NOT NULL,
	"pupils_15_18" integer DEFAULT 0 NOT NULL,
	"new_enrolments" integer DEFAULT 0 NOT NULL,
	"leavers" integer DEFAULT 0 NOT NULL,
	"comment" text DEFAULT '' NOT NULL,
	"submissions" integer DEFAULT 1 NOT NULL,
	"first_submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "foreign_school_answers_counts_check" CHECK (least("foreign_school_answers"."pupils_0_6", "foreign_school_answers"."pupils_7_10", "foreign_school_answers"."pupils_11_14", "foreign_school_answers"."pupils_15_18", "foreign_school_answers"."new_enrolments", "foreign_school_answers"."leavers") >= 0)
);
--> statement-breakpoint
CREATE TABLE "foreign_school_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"period_start" date NOT NULL,
	"period_end" date NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"closed_at" timestamp with time zone,
	CONSTRAINT "foreign_school_rounds_period_check" CHECK ("foreign_school_rounds"."period_end" >= "foreign_school_rounds"."period_start")
);
--> statement-breakpoint
CREATE TABLE "foreign_schools" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"round_id" uuid NOT NULL,
	"name" text NOT NULL,
	"contact_email" text NOT NULL,
	"token_hash" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "foreign_school_answers" ADD CONSTRAINT "foreign_school_answers_school_id_foreign_schools_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."foreign_schools"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foreign_school_rounds" ADD CONSTRAINT "foreign_school_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "foreign_schools" ADD CONSTRAINT "foreign_schools_round_id_foreign_school_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."foreign_school_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "foreign_school_rounds_created_idx" ON "foreign_school_rounds" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "foreign_schools_token_key" ON "foreign_schools" USING btree ("token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "foreign_schools_round_name_key" ON "foreign_schools" USING btree ("round_id",lower("name"));--> statement-breakpoint
CREATE INDEX "foreign_schools_round_idx" ON "foreign_schools" USING btree ("round_id");