-- Index terms are now stems of one Latin key (search/text.ts) and documents belong to an index generation:
-- every indexed document goes back to the outbox and the worker rebuilds the index from the sources.
INSERT INTO "search_outbox" ("doc_type", "doc_id") SELECT "doc_type", "doc_id" FROM "search_documents";--> statement-breakpoint
DELETE FROM "search_postings";--> statement-breakpoint
DELETE FROM "search_terms";--> statement-breakpoint
DELETE FROM "search_texts";--> statement-breakpoint
DELETE FROM "search_documents";--> statement-breakpoint
CREATE TABLE "search_state" (
	"id" smallint PRIMARY KEY NOT NULL,
	"live" smallint NOT NULL,
	"building" smallint,
	"building_since" timestamp with time zone
);
--> statement-breakpoint
INSERT INTO "search_state" ("id", "live") VALUES (1, 0);--> statement-breakpoint
CREATE TABLE "search_versions" (
	"doc_type" text NOT NULL,
	"doc_id" text NOT NULL,
	"version" bigint NOT NULL,
	CONSTRAINT "search_versions_doc_type_doc_id_pk" PRIMARY KEY("doc_type","doc_id")
);
--> statement-breakpoint
ALTER TABLE "search_documents" DROP CONSTRAINT "search_documents_doc_type_doc_id_pk";--> statement-breakpoint
ALTER TABLE "search_texts" DROP CONSTRAINT "search_texts_doc_type_doc_id_pk";--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "gen" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "pairs" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "version" bigint;--> statement-breakpoint
ALTER TABLE "search_texts" ADD COLUMN "gen" smallint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_gen_doc_type_doc_id_pk" PRIMARY KEY("gen","doc_type","doc_id");--> statement-breakpoint
ALTER TABLE "search_texts" ADD CONSTRAINT "search_texts_gen_doc_type_doc_id_pk" PRIMARY KEY("gen","doc_type","doc_id");
