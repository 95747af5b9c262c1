CREATE TABLE "deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"subscription_id" integer NOT NULL,
	"release_id" bigint NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"due_at" timestamp with time zone DEFAULT now() NOT NULL,
	"lease_until" timestamp with time zone,
	"sent_at" timestamp with time zone,
	"message_ref" text,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "lab_orgs" (
	"org" text PRIMARY KEY NOT NULL,
	"lab_id" integer NOT NULL,
	"baseline_at" timestamp with time zone,
	"polled_at" timestamp with time zone,
	"reconciled_at" timestamp with time zone,
	"last_error" text
);
--> statement-breakpoint
CREATE TABLE "labs" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"country" text NOT NULL,
	"builtin" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "labs_country_iso" CHECK ("labs"."country" ~ '^[A-Z]{2}$')
);
--> statement-breakpoint
CREATE TABLE "models" (
	"id" text PRIMARY KEY NOT NULL,
	"repo" text NOT NULL,
	"org" text NOT NULL,
	"lab_id" integer NOT NULL,
	"created_at" timestamp with time zone,
	"first_seen_public_at" timestamp with time zone,
	"private" boolean DEFAULT false NOT NULL,
	"gated" text,
	"task" text,
	"library" text,
	"license" text,
	"params" bigint,
	"downloads" integer DEFAULT 0 NOT NULL,
	"likes" integer DEFAULT 0 NOT NULL,
	"trending_score" real DEFAULT 0 NOT NULL,
	"base_models" text[] DEFAULT '{}'::text[] NOT NULL,
	"relation" text,
	"is_variant" boolean DEFAULT false NOT NULL,
	"parent_id" text,
	"release_id" bigint,
	"baseline" boolean DEFAULT false NOT NULL,
	"last_seen_at" timestamp with time zone DEFAULT now() NOT NULL,
	"metrics_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"lab_id" integer NOT NULL,
	"title" text NOT NULL,
	"variant_only" boolean DEFAULT false NOT NULL,
	"first_seen_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "subscriptions" (
	"id" serial PRIMARY KEY NOT NULL,
	"workspace_id" text NOT NULL,
	"platform" text NOT NULL,
	"destination" text NOT NULL,
	"lab_ids" integer[],
	"countries" text[],
	"tasks" text[],
	"min_params_b" double precision,
	"variants" boolean DEFAULT false NOT NULL,
	"mode" text DEFAULT 'instant' NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paused_at" timestamp with time zone,
	"pause_reason" text
);
--> statement-breakpoint
CREATE TABLE "workspace_labs" (
	"workspace_id" text NOT NULL,
	"lab_id" integer NOT NULL,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "workspace_labs_workspace_id_lab_id_pk" PRIMARY KEY("workspace_id","lab_id")
);
--> statement-breakpoint
CREATE TABLE "workspaces" (
	"id" text PRIMARY KEY NOT NULL,
	"platform" text NOT NULL,
	"name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_subscription_id_subscriptions_id_fk" FOREIGN KEY ("subscription_id") REFERENCES "public"."subscriptions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "lab_orgs" ADD CONSTRAINT "lab_orgs_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "models" ADD CONSTRAINT "models_release_id_releases_id_fk" FOREIGN KEY ("release_id") REFERENCES "public"."releases"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "releases" ADD CONSTRAINT "releases_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD CONSTRAINT "subscriptions_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_labs" ADD CONSTRAINT "workspace_labs_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workspace_labs" ADD CONSTRAINT "workspace_labs_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_subscription_release_key" ON "deliveries" USING btree ("subscription_id","release_id");--> statement-breakpoint
CREATE INDEX "deliveries_due_idx" ON "deliveries" USING btree ("due_at") WHERE "deliveries"."state" in ('pending', 'sending');--> statement-breakpoint
CREATE UNIQUE INDEX "lab_orgs_org_lower_key" ON "lab_orgs" USING btree (lower("org"));--> statement-breakpoint
CREATE INDEX "lab_orgs_lab_idx" ON "lab_orgs" USING btree ("lab_id");--> statement-breakpoint
CREATE UNIQUE INDEX "labs_name_key" ON "labs" USING btree (lower("name"));--> statement-breakpoint
CREATE INDEX "models_repo_lower_idx" ON "models" USING btree (lower("repo"));--> statement-breakpoint
CREATE INDEX "models_lab_idx" ON "models" USING btree ("lab_id");--> statement-breakpoint
CREATE INDEX "models_release_idx" ON "models" USING btree ("release_id");--> statement-breakpoint
CREATE INDEX "models_downloads_idx" ON "models" USING btree ("downloads");--> statement-breakpoint
CREATE INDEX "releases_first_seen_idx" ON "releases" USING btree ("first_seen_at");--> statement-breakpoint
CREATE INDEX "releases_lab_idx" ON "releases" USING btree ("lab_id","first_seen_at");--> statement-breakpoint
CREATE INDEX "subscriptions_workspace_idx" ON "subscriptions" USING btree ("workspace_id");--> statement-breakpoint
CREATE INDEX "workspace_labs_lab_idx" ON "workspace_labs" USING btree ("lab_id");