ALTER TABLE `users` ADD `failed_logins` integer DEFAULT 0;--> statement-breakpoint
ALTER TABLE `users` ADD `locked_until` text;