ALTER TABLE "case_replies" ADD COLUMN "body_html" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_replies" ADD COLUMN "body_practices" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "case_replies" ADD COLUMN "html_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "case_threads" ADD COLUMN "description_html" text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE "case_threads" ADD COLUMN "description_practices" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "case_threads" ADD COLUMN "html_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- hand-written
-- Links to a reply name the reply, not the page it was on (pages are shorter now): /cases/С-2026-0042?reply=150#reply-150.
UPDATE "notifications" SET "url" = regexp_replace("url", '^(/cases/[^?#]+)(\?page=\d+)?#reply-(\d+)$', '\1?reply=\3#reply-\3') WHERE "url" ~ '^/cases/[^?#]+(\?page=\d+)?#reply-\d+$';
