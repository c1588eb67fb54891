CREATE TABLE `member_scores` (
	`member_id` text PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`score` integer NOT NULL,
	`level` text NOT NULL,
	`trend_direction` text NOT NULL,
	`trend_delta` real,
	`components` text NOT NULL,
	`computed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `member_scores_community_idx` ON `member_scores` (`community_id`,`score`);