-- The index is rebuilt from the database: the rows below are re-queued for the outbox worker in 0008.
DELETE FROM "search_documents";--> statement-breakpoint
CREATE TABLE "search_texts" (
	"doc_type" text NOT NULL,
	"doc_id" text NOT NULL,
	"url" text NOT NULL,
	"title" text NOT NULL,
	"summary" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	CONSTRAINT "search_texts_doc_type_doc_id_pk" PRIMARY KEY("doc_type","doc_id")
);
--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "title";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "summary";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "body";--> statement-breakpoint
ALTER TABLE "search_documents" DROP COLUMN "url";