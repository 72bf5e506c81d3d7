CREATE TABLE `sign_in_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer NOT NULL,
	`blocked_until` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE `top_ups` ADD `external_ref` text;--> statement-breakpoint
CREATE UNIQUE INDEX `top_ups_external_ref_unique` ON `top_ups` (`provider`,`external_ref`);