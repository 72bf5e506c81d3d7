CREATE TABLE `api_request_log` (
	`request_id` text PRIMARY KEY NOT NULL,
	`account_id` integer NOT NULL,
	`secret_id` text,
	`action` text,
	`outcome` text NOT NULL,
	`latency_us` integer NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `api_request_log_account_idx` ON `api_request_log` (`account_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `api_request_log_action_idx` ON `api_request_log` (`account_id`,`action`,`created_at`);--> statement-breakpoint
CREATE INDEX `api_request_log_key_idx` ON `api_request_log` (`account_id`,`secret_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `api_request_log_outcome_idx` ON `api_request_log` (`account_id`,`outcome`,`created_at`);--> statement-breakpoint
CREATE INDEX `api_request_log_created_idx` ON `api_request_log` (`created_at`);