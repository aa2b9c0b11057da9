CREATE SEQUENCE "public"."search_doc_no_seq" INCREMENT BY 1 MINVALUE 0 MAXVALUE 9223372036854775807 START WITH 0 CACHE 1;--> statement-breakpoint
CREATE TABLE "search_postings" (
	"field" text NOT NULL,
	"term" text NOT NULL,
	"chunk" integer NOT NULL,
	"bits" bit(8192),
	"positions" smallint[],
	CONSTRAINT "search_postings_field_term_chunk_pk" PRIMARY KEY("field","term","chunk")
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "doc_no" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "words" text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "title_words" text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "summary_words" text[] NOT NULL;--> statement-breakpoint
CREATE INDEX "search_postings_prefix_idx" ON "search_postings" USING btree ("field","term" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "search_documents_newest_idx" ON "search_documents" USING btree ("date" DESC NULLS LAST,"doc_no");--> statement-breakpoint
CREATE INDEX "search_documents_popular_idx" ON "search_documents" USING btree ("popularity" DESC NULLS LAST,"date" DESC NULLS LAST,"doc_no");--> statement-breakpoint
ALTER TABLE "search_documents" ADD CONSTRAINT "search_documents_doc_no_key" UNIQUE("doc_no");