CREATE TABLE `alerts` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	`kind` text NOT NULL,
	`severity` text NOT NULL,
	`thread_ext_id` text,
	`member_id` text,
	`details` text NOT NULL,
	`dedup_key` text NOT NULL,
	`opened_at` integer NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`acknowledged_at` integer,
	`acknowledged_by` text,
	`resolved_at` integer,
	`resolved_by` text,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `alerts_community_status_idx` ON `alerts` (`community_id`,`status`,`opened_at`);--> statement-breakpoint
CREATE INDEX `alerts_dedup_idx` ON `alerts` (`dedup_key`,`status`);--> statement-breakpoint
CREATE TABLE `label_corrections` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`site_id` integer NOT NULL,
	`post_ext_id` text NOT NULL,
	`text_hash` text,
	`task` text NOT NULL,
	`label` text NOT NULL,
	`model_label` text,
	`account_id` text NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `label_corrections_post_task_account` ON `label_corrections` (`site_id`,`post_ext_id`,`task`,`account_id`);--> statement-breakpoint
CREATE TABLE `text_scores` (
	`text_hash` text NOT NULL,
	`model_version` text NOT NULL,
	`label` text NOT NULL,
	`negative` real NOT NULL,
	`neutral` real NOT NULL,
	`positive` real NOT NULL,
	`confidence` real NOT NULL,
	`toxic` real NOT NULL,
	`offensive` real NOT NULL,
	`hate` real NOT NULL,
	`language` text NOT NULL,
	`source` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`text_hash`, `model_version`)
);
--> statement-breakpoint
ALTER TABLE `communities` ADD `webhook_url` text;--> statement-breakpoint
ALTER TABLE `posts` ADD `text_hash` text;