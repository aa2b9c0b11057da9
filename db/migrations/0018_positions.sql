ALTER TABLE "users" ADD COLUMN "position_kind" text DEFAULT 'other' NOT NULL;--> statement-breakpoint
-- hand-written
-- Positions are what a person does: read them from the free text people wrote (the text stays as the detail).
UPDATE "users" SET "position_kind" = CASE
  WHEN "position" ILIKE '%здравен медиатор%' OR "position" ILIKE '%health mediator%' THEN 'health_mediator'
  WHEN "position" ILIKE '%медиатор%' OR "position" ILIKE '%mediator%' THEN 'education_mediator'
  WHEN "position" ILIKE '%социален работник%' OR "position" ILIKE '%social worker%' THEN 'social_worker'
  WHEN "position" ILIKE '%педагогически съветник%' OR "position" ILIKE '%counsellor%' THEN 'pedagogical_adviser'
  WHEN "position" ILIKE '%психолог%' OR "position" ILIKE '%psycholog%' THEN 'psychologist'
  WHEN "position" ILIKE '%ресурсен учител%' OR "position" ILIKE '%resource teacher%' THEN 'resource_teacher'
  WHEN "position" ILIKE '%класен ръководител%' OR "position" ILIKE '%class teacher%' THEN 'class_teacher'
  WHEN "position" ILIKE '%директор%' OR "position" ILIKE '%head teacher%' OR "position" ILIKE '%principal%' THEN 'principal'
  WHEN "position" ILIKE '%учител%' OR "position" ILIKE '%teacher%' THEN 'teacher'
  WHEN "position" ILIKE '%ДПС%' OR "position" ILIKE '%police%' THEN 'police_inspector'
  WHEN "position" ILIKE '%закрила на детето%' OR "position" LIKE '%ОЗД%' THEN 'child_protection_officer'
  WHEN "position" ILIKE '%координатор%' OR "position" ILIKE '%coordinator%' THEN 'coordinator'
  WHEN "position" ILIKE '%обучител%' OR "position" ILIKE '%trainer%' THEN 'trainer'
  WHEN "position" ILIKE '%експерт%' OR "position" ILIKE '%expert%' THEN 'education_expert'
  ELSE 'other'
END;
--> statement-breakpoint
-- Health mediators are a position, not an institution: their employer is the municipality.
UPDATE "institutions" SET "kind" = 'municipality' WHERE "kind" = 'health_mediator';
--> statement-breakpoint
-- ОЗД is its own kind now, apart from ДСП.
UPDATE "institutions" SET "kind" = 'child_protection'
  WHERE "kind" = 'social_assistance' AND ("name" ILIKE '%закрила на детето%' OR "name" LIKE '%ОЗД%');
--> statement-breakpoint
UPDATE "institutions" SET "kind" = CASE
  WHEN "name" ILIKE '%Дирекция „Образование“%' OR "name" ILIKE '%Дирекция "Образование"%' THEN 'education_directorate'
  WHEN "name" LIKE '%ЦОП%' OR "name" ILIKE '%обществена подкрепа%' THEN 'community_support_centre'
  WHEN "name" LIKE '%МКБППМН%' THEN 'juvenile_commission'
  WHEN "name" LIKE '%РЦПППО%' THEN 'inclusive_education_centre'
  WHEN "name" LIKE '%ЦПЛР%' THEN 'personal_development_centre'
  ELSE "kind"
END
WHERE "kind" IN ('other', 'ngo', 'district_administration');
--> statement-breakpoint
-- Practices and courses name the kinds they involve: the retired kind becomes the municipality, and a
-- practice or course that named "ДСП / ОЗД" (one kind until now) names both.
UPDATE "practices" SET "institution_kinds" = ARRAY(
  SELECT DISTINCT k FROM unnest(
    array_replace("institution_kinds", 'health_mediator', 'municipality')
    || CASE WHEN 'social_assistance' = ANY("institution_kinds") THEN ARRAY['child_protection'] ELSE '{}'::text[] END
  ) AS k ORDER BY k
)
WHERE "institution_kinds" && ARRAY['health_mediator', 'social_assistance'];
--> statement-breakpoint
UPDATE "courses" SET "audience_kinds" = (
  SELECT coalesce(jsonb_agg(DISTINCT k ORDER BY k), '[]'::jsonb) FROM (
    SELECT CASE WHEN v = 'health_mediator' THEN 'municipality' ELSE v END AS k
      FROM jsonb_array_elements_text("audience_kinds") AS v
    UNION
    SELECT 'child_protection' WHERE "audience_kinds" ? 'social_assistance'
  ) AS kinds
)
WHERE "audience_kinds" ?| ARRAY['health_mediator', 'social_assistance'];
--> statement-breakpoint
-- The built-in search index holds the old kinds as facets: those documents are indexed again by the outbox
-- worker (a Meilisearch index: `npm run search:reindex`).
INSERT INTO "search_versions" ("doc_type", "doc_id", "version")
  SELECT DISTINCT "doc_type", "doc_id", 1 FROM "search_documents"
  WHERE "institution_kinds" && ARRAY['health_mediator', 'social_assistance']
ON CONFLICT ("doc_type", "doc_id") DO UPDATE SET "version" = "search_versions"."version" + 1;
--> statement-breakpoint
INSERT INTO "search_outbox" ("doc_type", "doc_id", "op")
  SELECT DISTINCT "doc_type", "doc_id", 'upsert' FROM "search_documents"
  WHERE "institution_kinds" && ARRAY['health_mediator', 'social_assistance'];
