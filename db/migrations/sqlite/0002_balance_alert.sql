ALTER TABLE `accounts` ADD `balance_alert_fen` integer;--> statement-breakpoint
ALTER TABLE `accounts` ADD `balance_alert_sent` integer DEFAULT false NOT NULL;