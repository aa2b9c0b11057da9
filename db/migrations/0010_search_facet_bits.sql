CREATE TABLE "search_facet_bits" (
	"facet" text NOT NULL,
	"value" text NOT NULL,
	"bit" smallint NOT NULL,
	CONSTRAINT "search_facet_bits_facet_value_pk" PRIMARY KEY("facet","value"),
	CONSTRAINT "search_facet_bits_facet_bit_key" UNIQUE("facet","bit")
);
--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "tag_bits" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "district_bits" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "kind_bits" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "search_documents" ADD COLUMN "facet_overflow" text[];--> statement-breakpoint
-- Documents indexed before this migration have no facet bits yet: the outbox worker indexes them again.
INSERT INTO "search_outbox" ("doc_type", "doc_id") SELECT "doc_type", "doc_id" FROM "search_documents";
