CREATE TABLE `communities` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`name` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` integer NOT NULL,
	`member_id` text,
	`type` text NOT NULL,
	`ts` integer NOT NULL,
	`received_at` integer NOT NULL,
	`thread_ext_id` text,
	`post_ext_id` text,
	`value` real,
	`props` text,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `events_member_ts_idx` ON `events` (`member_id`,`ts`);--> statement-breakpoint
CREATE INDEX `events_site_thread_idx` ON `events` (`site_id`,`thread_ext_id`);--> statement-breakpoint
CREATE TABLE `members` (
	`id` text PRIMARY KEY NOT NULL,
	`site_id` integer NOT NULL,
	`community_id` integer NOT NULL,
	`first_seen_at` integer NOT NULL,
	`last_seen_at` integer NOT NULL,
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `members_site_idx` ON `members` (`site_id`);--> statement-breakpoint
CREATE TABLE `posts` (
	`site_id` integer NOT NULL,
	`ext_id` text NOT NULL,
	`thread_ext_id` text NOT NULL,
	`author_member_id` text,
	`post_number` integer,
	`reply_to_number` integer,
	`created_at` integer,
	`like_count` integer,
	`first_seen_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `ext_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`site_id`,`thread_ext_id`) REFERENCES `threads`(`site_id`,`ext_id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `posts_author_idx` ON `posts` (`author_member_id`);--> statement-breakpoint
CREATE INDEX `posts_thread_idx` ON `posts` (`site_id`,`thread_ext_id`,`post_number`);--> statement-breakpoint
CREATE TABLE `sites` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`community_id` integer NOT NULL,
	`origin` text NOT NULL,
	`engine` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsecond') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `sites_origin_unique` ON `sites` (`origin`);--> statement-breakpoint
CREATE TABLE `threads` (
	`site_id` integer NOT NULL,
	`ext_id` text NOT NULL,
	`title` text,
	`url` text,
	`category` text,
	`created_at` integer,
	`first_seen_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `ext_id`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
