CREATE TABLE "assessment_points" (
	"county_code" text NOT NULL,
	"user_id" uuid NOT NULL,
	"period" text NOT NULL,
	"points" double precision NOT NULL,
	"note" text NOT NULL,
	"entered_by" uuid NOT NULL,
	"entered_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "assessment_points_user_id_period_pk" PRIMARY KEY("user_id","period"),
	CONSTRAINT "assessment_points_range_check" CHECK ("assessment_points"."points" >= 0 and "assessment_points"."points" <= 20)
);
--> statement-breakpoint
CREATE TABLE "matter_followers" (
	"county_code" text NOT NULL,
	"matter_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"since" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "matter_followers_county_code_matter_id_pk" PRIMARY KEY("county_code","matter_id")
);
--> statement-breakpoint
CREATE TABLE "worker_statuses" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"status" text NOT NULL,
	"since" timestamp (3) with time zone NOT NULL,
	"reason" text NOT NULL,
	"handed_to" uuid,
	"updated_by" uuid NOT NULL,
	CONSTRAINT "worker_statuses_status_check" CHECK ("worker_statuses"."status" in ('active','on_leave','left'))
);
--> statement-breakpoint
ALTER TABLE "assessment_points" ADD CONSTRAINT "assessment_points_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "matter_followers" ADD CONSTRAINT "matter_followers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_statuses" ADD CONSTRAINT "worker_statuses_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "worker_statuses" ADD CONSTRAINT "worker_statuses_handed_to_users_id_fk" FOREIGN KEY ("handed_to") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "matter_followers_user_idx" ON "matter_followers" USING btree ("user_id");