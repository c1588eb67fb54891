CREATE TABLE `accounts` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`role` text NOT NULL,
	`token_hash` text NOT NULL,
	`label` text,
	`invite_id` text,
	`created_at` integer NOT NULL,
	`last_seen_at` integer,
	`revoked_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `accounts_token_hash_unique` ON `accounts` (`token_hash`);--> statement-breakpoint
CREATE INDEX `accounts_community_idx` ON `accounts` (`community_id`);--> statement-breakpoint
CREATE TABLE `erasures` (
	`member_id` text PRIMARY KEY NOT NULL,
	`erased_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `identities` (
	`member_id` text PRIMARY KEY NOT NULL,
	`account_id` text NOT NULL,
	`linked_at` integer NOT NULL,
	FOREIGN KEY (`member_id`) REFERENCES `members`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`account_id`) REFERENCES `accounts`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `identities_account_idx` ON `identities` (`account_id`);--> statement-breakpoint
CREATE TABLE `invites` (
	`id` text PRIMARY KEY NOT NULL,
	`community_id` integer NOT NULL,
	`role` text NOT NULL,
	`code_hash` text NOT NULL,
	`note` text,
	`created_by` text,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`max_uses` integer NOT NULL,
	`uses` integer DEFAULT 0 NOT NULL,
	`revoked_at` integer,
	FOREIGN KEY (`community_id`) REFERENCES `communities`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invites_code_hash_unique` ON `invites` (`code_hash`);--> statement-breakpoint
CREATE INDEX `invites_community_idx` ON `invites` (`community_id`);--> statement-breakpoint
ALTER TABLE `communities` ADD `member_scores` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `members` ADD `display_name_enc` text;