CREATE TABLE `member_activity` (
	`member_id` text PRIMARY KEY NOT NULL,
	`posts` integer NOT NULL,
	`topics` integer NOT NULL,
	`replies` integer NOT NULL,
	`likes_received` integer NOT NULL,
	`replies_received` integer NOT NULL,
	`days_active` integer NOT NULL,
	`last_active_at` integer,
	`computed_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
ALTER TABLE `label_corrections` ADD `text` text;