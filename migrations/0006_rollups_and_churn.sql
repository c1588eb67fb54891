CREATE TABLE `churn_models` (
	`community_id` integer PRIMARY KEY NOT NULL,
	`trained_at` integer NOT NULL,
	`model` text NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `member_days` (
	`site_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`member_id` text NOT NULL,
	`day` integer NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	`seen` integer DEFAULT 0 NOT NULL,
	`reading_ms` integer DEFAULT 0 NOT NULL,
	`likes_given` integer DEFAULT 0 NOT NULL,
	`replies` integer DEFAULT 0 NOT NULL,
	`topics` integer DEFAULT 0 NOT NULL,
	`posts` integer DEFAULT 0 NOT NULL,
	`likes_received` integer DEFAULT 0 NOT NULL,
	`replies_received` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`site_id`, `member_id`, `day`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `member_days_community_day_idx` ON `member_days` (`community_id`,`day`);--> statement-breakpoint
CREATE TABLE `member_risk` (
	`member_id` text PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`risk` real NOT NULL,
	`reasons` text NOT NULL,
	`computed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `member_risk_community_idx` ON `member_risk` (`community_id`,`risk`);--> statement-breakpoint
CREATE TABLE `rollup_state` (
	`site_id` integer PRIMARY KEY NOT NULL,
	`events_received_to` integer DEFAULT 0 NOT NULL,
	`posts_updated_to` integer DEFAULT 0 NOT NULL,
	`rolled_up_at` integer DEFAULT 0 NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
