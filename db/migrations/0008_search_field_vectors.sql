ALTER TABLE "search_documents" ADD COLUMN "title_vector" "tsvector" NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "summary_vector" "tsvector" NOT NULL;--> statement-breakpoint
INSERT INTO "search_outbox" ("doc_type", "doc_id") SELECT 'practice', "id"::text FROM "practices" WHERE "status" = 'published';
