CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"blocked_until" bigint NOT NULL,
	"updated_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "top_ups" ADD COLUMN "external_ref" text;--> statement-breakpoint
CREATE UNIQUE INDEX "top_ups_external_ref_unique" ON "top_ups" USING btree ("provider","external_ref");