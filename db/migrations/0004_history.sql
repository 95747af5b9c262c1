CREATE TABLE "model_snapshots" (
	"model_seq" integer NOT NULL,
	"day" date NOT NULL,
	"downloads" integer NOT NULL,
	"likes" integer NOT NULL,
	"trending_score" real NOT NULL,
	"downloads_all_time" bigint,
	"finetunes" integer,
	"adapters" integer,
	"quantizations" integer,
	"merges" integer,
	CONSTRAINT "model_snapshots_model_seq_day_pk" PRIMARY KEY("model_seq","day")
);
--> statement-breakpoint
ALTER TABLE "lab_orgs" ADD COLUMN "history_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "seq" integer NOT NULL GENERATED ALWAYS AS IDENTITY (sequence name "models_seq_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1);--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "downloads_all_time" bigint;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "finetunes" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "adapters" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "quantizations" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "merges" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "likes_gained_7d" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "downloads_change_7d" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "likes_gained_30d" integer;--> statement-breakpoint
ALTER TABLE "models" ADD COLUMN "downloads_change_30d" integer;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "historical" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "releases" ADD COLUMN "undated" boolean DEFAULT false NOT NULL;--> statement-breakpoint
-- The unique key on models.seq must exist before the snapshots' foreign key refers to it.
ALTER TABLE "models" ADD CONSTRAINT "models_seq_key" UNIQUE("seq");--> statement-breakpoint
ALTER TABLE "model_snapshots" ADD CONSTRAINT "model_snapshots_model_seq_models_seq_fk" FOREIGN KEY ("model_seq") REFERENCES "public"."models"("seq") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "model_snapshots_day_idx" ON "model_snapshots" USING brin ("day");--> statement-breakpoint
CREATE INDEX "models_growth_7d_idx" ON "models" USING btree ("likes_gained_7d");--> statement-breakpoint
CREATE INDEX "models_growth_30d_idx" ON "models" USING btree ("likes_gained_30d");