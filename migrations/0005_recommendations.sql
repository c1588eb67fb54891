CREATE TABLE `thread_neighbours` (
	`site_id` integer NOT NULL,
	`item` text NOT NULL,
	`rank` integer NOT NULL,
	`neighbour` text NOT NULL,
	`score` real NOT NULL,
	`computed_at` integer NOT NULL,
	PRIMARY KEY(`site_id`, `item`, `rank`),
	FOREIGN KEY (`site_id`) REFERENCES `sites`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `threads` ADD `tags` text;--> statement-breakpoint
ALTER TABLE `threads` ADD `reply_count` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `like_count` integer;--> statement-breakpoint
ALTER TABLE `threads` ADD `view_count` integer;--> statement-breakpoint
CREATE INDEX `threads_site_created_idx` ON `threads` (`site_id`,`created_at`);