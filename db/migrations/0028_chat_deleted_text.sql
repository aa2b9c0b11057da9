-- hand-written
-- A deleted chat message keeps no text: messages deleted before this kept their body, mentions and earlier versions.
DELETE FROM "chat_message_revisions" WHERE "message_id" IN (SELECT "id" FROM "chat_messages" WHERE "deleted_at" IS NOT NULL);--> statement-breakpoint
UPDATE "chat_messages" SET "body" = '', "mentions" = '{}'::uuid[] WHERE "deleted_at" IS NOT NULL AND ("body" <> '' OR "mentions" <> '{}'::uuid[]);
