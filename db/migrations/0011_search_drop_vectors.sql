-- The PostgreSQL engine moves from tsvector columns to postings bitmaps (0012): the documents indexed so far
-- go back to the search outbox, and the worker indexes them again in the new form.
INSERT INTO "search_outbox" ("doc_type", "doc_id") SELECT "doc_type", "doc_id" FROM "search_documents";--> statement-breakpoint
DELETE FROM "search_documents";--> statement-breakpoint
DELETE FROM "search_texts";--> statement-breakpoint
ALTER TABLE "search_facet_bits" DISABLE ROW LEVEL SECURITY;--> statement-breakpoint
DROP TABLE "search_facet_bits" CASCADE;--> statement-breakpoint
DROP INDEX "search_documents_vector_idx";--> statement-breakpoint
DROP INDEX "search_documents_tags_idx";--> statement-breakpoint
DROP INDEX "search_documents_districts_idx";--> statement-breakpoint
DROP INDEX "search_documents_kinds_idx";--> statement-breakpoint
DROP INDEX "search_documents_date_idx";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "tag_bits";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "district_bits";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "kind_bits";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "facet_overflow";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "vector";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "title_vector";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "summary_vector";