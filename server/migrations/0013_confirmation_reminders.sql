CREATE TABLE "confirmation_reminders" (
	"county_code" text NOT NULL,
	"matter_id" uuid NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"sent_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "confirmation_reminders_county_code_matter_id_due_at_pk" PRIMARY KEY("county_code","matter_id","due_at")
);
