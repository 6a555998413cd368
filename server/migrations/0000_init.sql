CREATE TABLE "counties" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"city_name" text,
	"province_name" text,
	"center" jsonb,
	"boundary" jsonb,
	"source" text NOT NULL,
	"grid_revision" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_seals" (
	"county_code" text NOT NULL,
	"chain_no" bigint NOT NULL,
	"event_id" bigint NOT NULL,
	"tx_id" "xid8" NOT NULL,
	"prev_hash" text NOT NULL,
	"row_hash" text NOT NULL,
	"sealed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "event_seals_county_code_chain_no_pk" PRIMARY KEY("county_code","chain_no")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"county_code" text NOT NULL,
	"id" bigint GENERATED ALWAYS AS IDENTITY (sequence name "events_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tx_id" "xid8" DEFAULT pg_current_xact_id() NOT NULL,
	"at" timestamp (3) with time zone NOT NULL,
	"actor_id" uuid,
	"actor_name" text,
	"actor_role" text,
	"actor_org_id" uuid,
	"action" text NOT NULL,
	"object_type" text NOT NULL,
	"object_id" text,
	"result" text DEFAULT 'ok' NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"reason" text,
	"request_id" text,
	"ip" text,
	CONSTRAINT "events_county_code_id_pk" PRIMARY KEY("county_code","id")
);
--> statement-breakpoint
CREATE TABLE "grid_workers" (
	"grid_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"county_code" text NOT NULL,
	"assigned_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grid_workers_grid_id_user_id_pk" PRIMARY KEY("grid_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "grids" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"village_id" uuid NOT NULL,
	"org_path" text NOT NULL,
	"geometry" jsonb NOT NULL,
	"min_lng" double precision NOT NULL,
	"min_lat" double precision NOT NULL,
	"max_lng" double precision NOT NULL,
	"max_lat" double precision NOT NULL,
	"generated" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "grids_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "orgs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"parent_id" uuid,
	"path" text NOT NULL,
	"kind" text NOT NULL,
	"level" text NOT NULL,
	"name" text NOT NULL,
	"division_code" text,
	"center_name" text,
	"synthetic" boolean DEFAULT false NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "orgs_division_code_unique" UNIQUE("division_code"),
	CONSTRAINT "orgs_kind_check" CHECK ("orgs"."kind" in ('district','town','village','department','unit','mediation_committee','mediation_room','social_org')),
	CONSTRAINT "orgs_level_check" CHECK ("orgs"."level" in ('district','town','village')),
	CONSTRAINT "orgs_root_check" CHECK (("orgs"."parent_id" is null) = ("orgs"."kind" = 'district'))
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" uuid NOT NULL,
	"county_code" text NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"last_seen_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone,
	"ip" text,
	"user_agent" text
);
--> statement-breakpoint
CREATE TABLE "user_roles" (
	"user_id" uuid NOT NULL,
	"role" text NOT NULL,
	"county_code" text NOT NULL,
	"granted_at" timestamp with time zone NOT NULL,
	"granted_by" uuid,
	CONSTRAINT "user_roles_user_id_role_pk" PRIMARY KEY("user_id","role"),
	CONSTRAINT "user_roles_role_check" CHECK ("user_roles"."role" in ('resident','grid_worker','clerk','handler','mediator','dept_liaison','leader','admin','sys_admin','sec_admin','audit_admin'))
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" uuid PRIMARY KEY NOT NULL,
	"county_code" text NOT NULL,
	"username" text NOT NULL,
	"display_name" text NOT NULL,
	"phone" text,
	"org_id" uuid,
	"kind" text DEFAULT 'staff' NOT NULL,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"failed_logins" integer DEFAULT 0 NOT NULL,
	"locked_until" timestamp with time zone,
	"must_change_password" boolean DEFAULT false NOT NULL,
	"password_changed_at" timestamp with time zone NOT NULL,
	"last_login_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL,
	CONSTRAINT "users_username_unique" UNIQUE("username"),
	CONSTRAINT "users_kind_check" CHECK ("users"."kind" in ('staff','resident')),
	CONSTRAINT "users_staff_org_check" CHECK ("users"."kind" = 'resident' or "users"."org_id" is not null)
);
--> statement-breakpoint
ALTER TABLE "grid_workers" ADD CONSTRAINT "grid_workers_grid_id_grids_id_fk" FOREIGN KEY ("grid_id") REFERENCES "public"."grids"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grid_workers" ADD CONSTRAINT "grid_workers_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "grids" ADD CONSTRAINT "grids_village_id_orgs_id_fk" FOREIGN KEY ("village_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orgs" ADD CONSTRAINT "orgs_parent_id_orgs_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_roles" ADD CONSTRAINT "user_roles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_county_code_counties_code_fk" FOREIGN KEY ("county_code") REFERENCES "public"."counties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_org_id_orgs_id_fk" FOREIGN KEY ("org_id") REFERENCES "public"."orgs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "event_seals_event_idx" ON "event_seals" USING btree ("county_code","event_id");--> statement-breakpoint
CREATE INDEX "event_seals_tx_idx" ON "event_seals" USING btree ("tx_id");--> statement-breakpoint
CREATE INDEX "events_tx_idx" ON "events" USING btree ("tx_id");--> statement-breakpoint
CREATE INDEX "events_object_idx" ON "events" USING btree ("county_code","object_type","object_id");--> statement-breakpoint
CREATE INDEX "events_action_idx" ON "events" USING btree ("county_code","action","id");--> statement-breakpoint
CREATE INDEX "grid_workers_user_idx" ON "grid_workers" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "grids_path_idx" ON "grids" USING btree ("org_path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "grids_village_idx" ON "grids" USING btree ("village_id");--> statement-breakpoint
CREATE INDEX "orgs_path_idx" ON "orgs" USING btree ("path" text_pattern_ops);--> statement-breakpoint
CREATE INDEX "orgs_parent_idx" ON "orgs" USING btree ("county_code","parent_id");--> statement-breakpoint
CREATE INDEX "sessions_user_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "user_roles_one_separated_admin" ON "user_roles" USING btree ("user_id") WHERE "user_roles"."role" in ('sys_admin','sec_admin','audit_admin');--> statement-breakpoint
CREATE INDEX "users_org_idx" ON "users" USING btree ("org_id");