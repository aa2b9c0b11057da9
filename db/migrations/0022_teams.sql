CREATE TABLE "case_teams" (
	"case_id" uuid NOT NULL,
	"team_id" uuid NOT NULL,
	"assigned_by" uuid,
	"assigned_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_teams_case_id_team_id_pk" PRIMARY KEY("case_id","team_id")
);
--> statement-breakpoint
CREATE TABLE "field_rounds" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"author_id" uuid NOT NULL,
	"round_date" date NOT NULL,
	"district_codes" text[] NOT NULL,
	"households_visited" integer DEFAULT 0 NOT NULL,
	"children_met" integer DEFAULT 0 NOT NULL,
	"children_out_of_school" integer DEFAULT 0 NOT NULL,
	"referred" integer DEFAULT 0 NOT NULL,
	"enrolled" integer DEFAULT 0 NOT NULL,
	"returned" integer DEFAULT 0 NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_rounds_counts_check" CHECK (least("field_rounds"."households_visited", "field_rounds"."children_met", "field_rounds"."children_out_of_school", "field_rounds"."referred", "field_rounds"."enrolled", "field_rounds"."returned") >= 0)
);
--> statement-breakpoint
CREATE TABLE "team_recognitions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"team_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"milestone" text,
	"title" text DEFAULT '' NOT NULL,
	"citation" text DEFAULT '' NOT NULL,
	"period_start" date,
	"period_end" date,
	"awarded_by" uuid,
	"awarded_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "team_recognitions_kind_check" CHECK (("team_recognitions"."kind" = 'milestone') = ("team_recognitions"."milestone" IS NOT NULL))
);
--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "slug" text DEFAULT gen_random_uuid()::text NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "kind" text DEFAULT 'specialised' NOT NULL;--> statement-breakpoint
ALTER TABLE "teams" ADD COLUMN "district_codes" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "case_teams" ADD CONSTRAINT "case_teams_case_id_case_threads_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."case_threads"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_teams" ADD CONSTRAINT "case_teams_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_teams" ADD CONSTRAINT "case_teams_assigned_by_users_id_fk" FOREIGN KEY ("assigned_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_rounds" ADD CONSTRAINT "field_rounds_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_rounds" ADD CONSTRAINT "field_rounds_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_recognitions" ADD CONSTRAINT "team_recognitions_team_id_teams_id_fk" FOREIGN KEY ("team_id") REFERENCES "public"."teams"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "team_recognitions" ADD CONSTRAINT "team_recognitions_awarded_by_users_id_fk" FOREIGN KEY ("awarded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_teams_team_idx" ON "case_teams" USING btree ("team_id");--> statement-breakpoint
CREATE INDEX "field_rounds_team_date_idx" ON "field_rounds" USING btree ("team_id","round_date");--> statement-breakpoint
CREATE INDEX "field_rounds_date_idx" ON "field_rounds" USING btree ("round_date");--> statement-breakpoint
CREATE UNIQUE INDEX "team_recognitions_milestone_key" ON "team_recognitions" USING btree ("team_id","milestone");--> statement-breakpoint
CREATE INDEX "team_recognitions_team_idx" ON "team_recognitions" USING btree ("team_id","awarded_at");--> statement-breakpoint
ALTER TABLE "teams" ADD CONSTRAINT "teams_slug_unique" UNIQUE("slug");--> statement-breakpoint
-- hand-written
-- Readable slugs for existing teams, in the transliteration events used when this was written (the Streamlined
-- System, cut at 60 characters); a clash or an empty name gets a piece of the id. New slugs now come from
-- app/features/platform/slugs.server.ts (the official transliteration, up to 80 characters); a stored slug never changes.
UPDATE "teams" t SET "slug" = CASE
    WHEN s."rn" = 1 AND s."base" NOT IN ('', 'new') THEN s."base"
    ELSE coalesce(nullif(s."base", ''), 'team') || '-' || left(t."id"::text, 8)
  END
  FROM (
    SELECT "id", "base", row_number() OVER (PARTITION BY "base" ORDER BY "id") AS "rn"
    FROM (SELECT "id", trim(both '-' from left(trim(both '-' from regexp_replace(translate(replace(replace(replace(replace(replace(replace(replace(lower("name"), 'щ', 'sht'), 'ж', 'zh'), 'ц', 'ts'), 'ч', 'ch'), 'ш', 'sh'), 'ю', 'yu'), 'я', 'ya'), 'абвгдезийклмнопрстуфхъь', 'abvgdeziyklmnoprstufhay'), '[^a-z0-9]+', '-', 'g')), 60)) AS "base" FROM "teams") AS b
  ) AS s
  WHERE s."id" = t."id";
--> statement-breakpoint
-- A team had one district; now it has a list.
UPDATE "teams" SET "district_codes" = ARRAY["district_code"] WHERE "district_code" IS NOT NULL;
--> statement-breakpoint
-- The project's mobile teams ("Образователен патрул") are named so.
UPDATE "teams" SET "kind" = 'mobile' WHERE "name" ILIKE '%патрул%' OR "description" ILIKE '%мобилен екип%';
