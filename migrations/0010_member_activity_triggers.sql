-- member_activity is a cache of services/activity.ts's answer per member. Any change to
-- what it is computed from deletes the affected members' rows; the next annotate
-- recomputes them. Unchanged re-sends of a page touch nothing (the posts upsert skips
-- rows whose values are equal), so they keep the cache warm.
-- Affected by a post: its author, and the author of the post it answers (its reply-to
-- number, or the opening post for a reply to the topic), whose repliesReceived counts it.
CREATE TRIGGER `member_activity_post_insert` AFTER INSERT ON `posts`
BEGIN
  DELETE FROM `member_activity` WHERE `member_id` IN (
    NEW.`author_member_id`,
    (SELECT `author_member_id` FROM `posts` WHERE `site_id` = NEW.`site_id` AND `thread_ext_id` = NEW.`thread_ext_id` AND `post_number` = coalesce(NEW.`reply_to_number`, 1))
  );
END;
--> statement-breakpoint
CREATE TRIGGER `member_activity_post_update` AFTER UPDATE OF `author_member_id`, `post_number`, `reply_to_number`, `like_count`, `created_at`, `thread_ext_id` ON `posts`
WHEN NEW.`author_member_id` IS NOT OLD.`author_member_id` OR NEW.`post_number` IS NOT OLD.`post_number`
  OR NEW.`reply_to_number` IS NOT OLD.`reply_to_number` OR NEW.`like_count` IS NOT OLD.`like_count`
  OR NEW.`created_at` IS NOT OLD.`created_at` OR NEW.`thread_ext_id` IS NOT OLD.`thread_ext_id`
BEGIN
  DELETE FROM `member_activity` WHERE `member_id` IN (
    OLD.`author_member_id`,
    NEW.`author_member_id`,
    (SELECT `author_member_id` FROM `posts` WHERE `site_id` = OLD.`site_id` AND `thread_ext_id` = OLD.`thread_ext_id` AND `post_number` = coalesce(OLD.`reply_to_number`, 1)),
    (SELECT `author_member_id` FROM `posts` WHERE `site_id` = NEW.`site_id` AND `thread_ext_id` = NEW.`thread_ext_id` AND `post_number` = coalesce(NEW.`reply_to_number`, 1))
  );
END;
--> statement-breakpoint
CREATE TRIGGER `member_activity_post_delete` AFTER DELETE ON `posts`
BEGIN
  DELETE FROM `member_activity` WHERE `member_id` IN (
    OLD.`author_member_id`,
    (SELECT `author_member_id` FROM `posts` WHERE `site_id` = OLD.`site_id` AND `thread_ext_id` = OLD.`thread_ext_id` AND `post_number` = coalesce(OLD.`reply_to_number`, 1))
  );
END;
--> statement-breakpoint
-- Events count towards daysActive and lastActiveAt.
CREATE TRIGGER `member_activity_event_insert` AFTER INSERT ON `events` WHEN NEW.`member_id` IS NOT NULL
BEGIN
  DELETE FROM `member_activity` WHERE `member_id` = NEW.`member_id`;
END;
--> statement-breakpoint
CREATE TRIGGER `member_activity_event_delete` AFTER DELETE ON `events` WHEN OLD.`member_id` IS NOT NULL
BEGIN
  DELETE FROM `member_activity` WHERE `member_id` = OLD.`member_id`;
END;
--> statement-breakpoint
-- A moderator's correction keeps the post's text as training data; when the post loses
-- its author (the author erased their data), the text goes too.
CREATE TRIGGER `label_corrections_author_erased` AFTER UPDATE OF `author_member_id` ON `posts`
WHEN OLD.`author_member_id` IS NOT NULL AND NEW.`author_member_id` IS NULL
BEGIN
  DELETE FROM `label_corrections` WHERE `site_id` = OLD.`site_id` AND `post_ext_id` = OLD.`ext_id`;
END;
