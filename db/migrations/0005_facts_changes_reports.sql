CREATE TABLE "model_changes" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"model_id" text NOT NULL,
	"lab_id" integer NOT NULL,
	"repo" text NOT NULL,
	"field" text NOT NULL,
	"before" text,
	"after" text,
	"detected_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "deliveries" ALTER COLUMN "release_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "change_id" bigint;--> statement-breakpoint
ALTER TABLE "deliveries" ADD COLUMN "report_week" date;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "params_by_dtype" jsonb;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "params_active" bigint;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "experts" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "experts_active" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "context_length" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "card_line" text;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "runs_on" text[];--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "providers" jsonb;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "facts_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "removed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "changes" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "report_day" smallint DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "report_hour" smallint DEFAULT 9 NOT NULL;--> statement-breakpoint
ALTER TABLE "subscriptions" ADD COLUMN "report_tz" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "model_changes" ADD CONSTRAINT "model_changes_model_id_models_id_fk" FOREIGN KEY ("model_id") REFERENCES "public"."models"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "model_changes" ADD CONSTRAINT "model_changes_lab_id_labs_id_fk" FOREIGN KEY ("lab_id") REFERENCES "public"."labs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_changes_model_idx" ON "model_changes" USING btree ("model_id","detected_at");--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_change_id_model_changes_id_fk" FOREIGN KEY ("change_id") REFERENCES "public"."model_changes"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_subscription_change_key" ON "deliveries" USING btree ("subscription_id","change_id");--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_subscription_report_key" ON "deliveries" USING btree ("subscription_id","report_week");--> statement-breakpoint
ALTER TABLE "deliveries" ADD CONSTRAINT "deliveries_one_subject" CHECK (num_nonnulls("deliveries"."release_id", "deliveries"."change_id", "deliveries"."report_week") = 1);