CREATE TABLE "api_request_log" (
	"request_id" text PRIMARY KEY NOT NULL,
	"account_id" integer NOT NULL,
	"secret_id" text,
	"action" text,
	"outcome" text NOT NULL,
	"latency_us" bigint NOT NULL,
	"created_at" bigint NOT NULL
);
--> statement-breakpoint
ALTER TABLE "api_request_log" ADD CONSTRAINT "api_request_log_account_id_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "api_request_log_account_idx" ON "api_request_log" USING btree ("account_id","created_at");--> statement-breakpoint
CREATE INDEX "api_request_log_action_idx" ON "api_request_log" USING btree ("account_id","action","created_at");--> statement-breakpoint
CREATE INDEX "api_request_log_key_idx" ON "api_request_log" USING btree ("account_id","secret_id","created_at");--> statement-breakpoint
CREATE INDEX "api_request_log_outcome_idx" ON "api_request_log" USING btree ("account_id","outcome","created_at");--> statement-breakpoint
CREATE INDEX "api_request_log_created_idx" ON "api_request_log" USING btree ("created_at");