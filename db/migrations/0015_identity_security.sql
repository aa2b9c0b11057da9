ALTER TABLE "users" ADD COLUMN "demo_password" boolean DEFAULT false NOT NULL;--> statement-breakpoint
CREATE INDEX "users_demo_password_idx" ON "users" USING btree ("demo_password") WHERE "users"."demo_password";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "failed_login_count";--> statement-breakpoint
ALTER TABLE "users" DROP COLUMN "locked_until";--> statement-breakpoint
-- Accounts seeded before this column existed: marked by their demo address; start-up checks each mark against the demo password and clears the wrong ones.
UPDATE "users" SET "demo_password" = true WHERE lower("email") LIKE '%@demo.bg';
