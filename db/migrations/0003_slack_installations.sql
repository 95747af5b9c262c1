CREATE TABLE "slack_installations" (
	"team_id" text PRIMARY KEY NOT NULL,
	"enterprise_id" text,
	"bot_user_id" text NOT NULL,
	"bot_id" text,
	"scopes" text[] DEFAULT '{}'::text[] NOT NULL,
	"bot_token" text NOT NULL,
	"key_id" text NOT NULL,
	"installed_by" text,
	"installed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
