CREATE TABLE "field_logs" (
	"county_code" text NOT NULL,
	"id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"org_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"kind" text NOT NULL,
	"happened_at" timestamp with time zone NOT NULL,
	"lng" double precision,
	"lat" double precision,
	"address" text,
	"grid_id" uuid,
	"note" text NOT NULL,
	"matter_id" uuid,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "field_logs_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "field_reports" (
	"county_code" text NOT NULL,
	"client_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"matter_id" uuid NOT NULL,
	"made_at" timestamp with time zone NOT NULL,
	"solved_on_spot" text,
	"consent_method" text,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "field_reports_county_code_client_id_pk" PRIMARY KEY("county_code","client_id")
);
--> statement-breakpoint
ALTER TABLE "field_logs" ADD CONSTRAINT "field_logs_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_reports" ADD CONSTRAINT "field_reports_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "field_logs_user_idx" ON "field_logs" USING btree ("user_id","happened_at");--> statement-breakpoint
CREATE INDEX "field_reports_matter_idx" ON "field_reports" USING btree ("matter_id");