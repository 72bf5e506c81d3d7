ALTER TABLE "accounts" ADD COLUMN "balance_alert_fen" bigint;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "balance_alert_sent" boolean DEFAULT false NOT NULL;