DROP INDEX `api_request_log_action_idx`;--> statement-breakpoint
DROP INDEX `api_request_log_key_idx`;--> statement-breakpoint
DROP INDEX `api_request_log_outcome_idx`;--> statement-breakpoint
ALTER TABLE `api_requests` ADD `secret_id` text;--> statement-breakpoint
ALTER TABLE `api_requests` ADD `latency_us` integer;--> statement-breakpoint
-- 请求日志 now reads successful requests from api_requests: carry their key and latency over, then drop their log rows.
UPDATE `api_requests` SET `secret_id` = l.`secret_id`, `latency_us` = l.`latency_us` FROM `api_request_log` l WHERE l.`request_id` = `api_requests`.`request_id` AND l.`outcome` = 'OK';--> statement-breakpoint
DELETE FROM `api_request_log` WHERE `outcome` = 'OK';
