-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "ReportStatus" AS ENUM ('not_started', 'in_progress', 'piloting', 'done', 'done_maintained', 'blocked', 'waiting_central');

-- CreateEnum
CREATE TYPE "DeadlineKind" AS ENUM ('date', 'month', 'quarter', 'half_year', 'year', 'ongoing', 'roadmap', 'none');

-- CreateEnum
CREATE TYPE "AgencyKind" AS ENUM ('provincial_department', 'police', 'provincial_office', 'people_committee', 'district_committee', 'commune_committee', 'central', 'state_enterprise', 'other');

-- CreateEnum
CREATE TYPE "AgencyRole" AS ENUM ('lead', 'support');

-- CreateEnum
CREATE TYPE "OfficerRole" AS ENUM ('officer', 'committee', 'admin');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('vi', 'en');

-- CreateEnum
CREATE TYPE "ChannelKind" AS ENUM ('telegram', 'zalo');

-- CreateEnum
CREATE TYPE "IdentityPurpose" AS ENUM ('officer', 'digest_group');

-- CreateEnum
CREATE TYPE "ReminderState" AS ENUM ('planned', 'queued', 'sent', 'suppressed', 'failed', 'undeliverable');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('pending', 'sending', 'sent', 'failed', 'undeliverable');

-- CreateEnum
CREATE TYPE "DigestKind" AS ENUM ('weekly', 'monthly', 'quarterly');

-- CreateEnum
CREATE TYPE "InboundOutcome" AS ENUM ('received', 'processed', 'rejected', 'ignored', 'failed');

-- CreateEnum
CREATE TYPE "ExtensionState" AS ENUM ('requested', 'approved', 'rejected');

-- CreateTable
CREATE TABLE "plan" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "document_number" TEXT,
    "issuing_body" TEXT,
    "issue_date" DATE,
    "province" TEXT,
    "source_name" TEXT,
    "source_hash" TEXT NOT NULL,
    "reminder_policy" JSONB,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "plan_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_group" (
    "id" SERIAL NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "position" INTEGER NOT NULL,

    CONSTRAINT "task_group_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" SERIAL NOT NULL,
    "plan_id" INTEGER NOT NULL,
    "group_id" INTEGER,
    "code" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "objective" TEXT,
    "expected_output" TEXT,
    "lead_raw" TEXT NOT NULL DEFAULT '',
    "support_raw" TEXT NOT NULL DEFAULT '',
    "collective" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "deadline_raw" TEXT NOT NULL DEFAULT '',
    "deadline_kind" "DeadlineKind" NOT NULL DEFAULT 'none',
    "due_date" DATE,
    "original_due_date" DATE,
    "start_date" DATE,
    "recurring" BOOLEAN NOT NULL DEFAULT false,
    "steps" JSONB,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "status" "ReportStatus" NOT NULL DEFAULT 'not_started',
    "progress" INTEGER,
    "last_report_at" TIMESTAMPTZ(3),
    "done_at" TIMESTAMPTZ(3),
    "removed_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agency" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "short_name" TEXT,
    "kind" "AgencyKind" NOT NULL,
    "successor_id" INTEGER,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "builtin" BOOLEAN NOT NULL DEFAULT false,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "agency_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "agency_alias" (
    "id" SERIAL NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "alias" TEXT NOT NULL,
    "alias_key" TEXT NOT NULL,

    CONSTRAINT "agency_alias_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task_agency" (
    "task_id" INTEGER NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "role" "AgencyRole" NOT NULL,

    CONSTRAINT "task_agency_pkey" PRIMARY KEY ("task_id","agency_id","role")
);

-- CreateTable
CREATE TABLE "officer" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "agency_id" INTEGER NOT NULL,
    "role" "OfficerRole" NOT NULL DEFAULT 'officer',
    "locale" "Locale" NOT NULL DEFAULT 'vi',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "is_head" BOOLEAN NOT NULL DEFAULT false,
    "phone" TEXT,
    "email" TEXT,
    "paused" BOOLEAN NOT NULL DEFAULT false,
    "leave_until" DATE,
    "deputy_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "officer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "channel_identity" (
    "id" SERIAL NOT NULL,
    "channel" "ChannelKind" NOT NULL,
    "chat_id" TEXT NOT NULL,
    "user_id" TEXT,
    "officer_id" INTEGER,
    "purpose" "IdentityPurpose" NOT NULL DEFAULT 'officer',
    "title" TEXT,
    "last_interaction_at" TIMESTAMPTZ(3),
    "unreachable_since" TIMESTAMPTZ(3),
    "admins_told_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "channel_identity_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "invite_code" (
    "code" TEXT NOT NULL,
    "officer_id" INTEGER,
    "purpose" "IdentityPurpose" NOT NULL DEFAULT 'officer',
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "used_at" TIMESTAMPTZ(3),
    "used_by_chat" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "invite_code_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "inbound_message" (
    "id" SERIAL NOT NULL,
    "channel" "ChannelKind" NOT NULL,
    "platform_id" TEXT NOT NULL,
    "chat_id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "text" TEXT,
    "payload" JSONB NOT NULL,
    "received_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" "InboundOutcome" NOT NULL DEFAULT 'received',
    "outcome_detail" TEXT,

    CONSTRAINT "inbound_message_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "status_report" (
    "id" SERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "officer_id" INTEGER NOT NULL,
    "status" "ReportStatus",
    "progress" INTEGER,
    "result" TEXT,
    "blocker" TEXT,
    "reported_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "channel" "ChannelKind" NOT NULL,
    "platform_message_id" TEXT NOT NULL,
    "inbound_message_id" INTEGER,
    "masked" TEXT[] DEFAULT ARRAY[]::TEXT[],

    CONSTRAINT "status_report_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "reminder" (
    "id" SERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "officer_id" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "due_day" DATE NOT NULL,
    "send_at" TIMESTAMPTZ(3) NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "state" "ReminderState" NOT NULL DEFAULT 'planned',
    "delivery_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "reminder_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery" (
    "id" SERIAL NOT NULL,
    "dedup_key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "officer_id" INTEGER,
    "channel" "ChannelKind" NOT NULL,
    "chat_id" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "DeliveryState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "last_error" TEXT,
    "platform_message_id" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sent_at" TIMESTAMPTZ(3),

    CONSTRAINT "delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "delivery_attempt" (
    "id" SERIAL NOT NULL,
    "delivery_id" INTEGER NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "outcome" TEXT NOT NULL,
    "error" TEXT,
    "retry_after_ms" INTEGER,

    CONSTRAINT "delivery_attempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "digest" (
    "id" SERIAL NOT NULL,
    "kind" "DigestKind" NOT NULL,
    "period_key" TEXT NOT NULL,
    "period_from" TIMESTAMPTZ(3) NOT NULL,
    "period_to" TIMESTAMPTZ(3) NOT NULL,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "content" JSONB NOT NULL,
    "sent_at" TIMESTAMPTZ(3),
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "digest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deadline_extension" (
    "id" SERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "requested_by" INTEGER,
    "decided_by" INTEGER,
    "previous_due" DATE,
    "new_due" DATE NOT NULL,
    "reason" TEXT NOT NULL,
    "state" "ExtensionState" NOT NULL DEFAULT 'requested',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "decided_at" TIMESTAMPTZ(3),

    CONSTRAINT "deadline_extension_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "explanation_request" (
    "id" SERIAL NOT NULL,
    "task_id" INTEGER NOT NULL,
    "requested_by" INTEGER,
    "requested_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "answer" TEXT,
    "answered_by" INTEGER,
    "answered_at" TIMESTAMPTZ(3),

    CONSTRAINT "explanation_request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "conversation" (
    "id" SERIAL NOT NULL,
    "channel" "ChannelKind" NOT NULL,
    "chat_id" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "data" JSONB NOT NULL,
    "expires_at" TIMESTAMPTZ(3) NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "conversation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" SERIAL NOT NULL,
    "actor_id" INTEGER,
    "actor_label" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "target_type" TEXT NOT NULL,
    "target_id" TEXT,
    "before" JSONB,
    "after" JSONB,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "zalo_token" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "access_token" TEXT NOT NULL,
    "refresh_token" TEXT NOT NULL,
    "access_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "refresh_expires_at" TIMESTAMPTZ(3) NOT NULL,
    "rotated_at" TIMESTAMPTZ(3) NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 1,
    "broken_at" TIMESTAMPTZ(3),

    CONSTRAINT "zalo_token_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "schedule_run" (
    "key" TEXT NOT NULL,
    "ran_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "schedule_run_pkey" PRIMARY KEY ("key")
);

-- CreateIndex
CREATE UNIQUE INDEX "plan_key_key" ON "plan"("key");

-- CreateIndex
CREATE UNIQUE INDEX "task_group_plan_id_code_key" ON "task_group"("plan_id", "code");

-- CreateIndex
CREATE INDEX "task_due_date_idx" ON "task"("due_date");

-- CreateIndex
CREATE INDEX "task_status_due_date_idx" ON "task"("status", "due_date");

-- CreateIndex
CREATE INDEX "task_deadline_kind_idx" ON "task"("deadline_kind");

-- CreateIndex
CREATE UNIQUE INDEX "task_plan_id_code_key" ON "task"("plan_id", "code");

-- CreateIndex
CREATE UNIQUE INDEX "agency_key_key" ON "agency"("key");

-- CreateIndex
CREATE UNIQUE INDEX "agency_alias_alias_key_key" ON "agency_alias"("alias_key");

-- CreateIndex
CREATE INDEX "task_agency_agency_id_role_idx" ON "task_agency"("agency_id", "role");

-- CreateIndex
CREATE INDEX "officer_agency_id_active_idx" ON "officer"("agency_id", "active");

-- CreateIndex
CREATE UNIQUE INDEX "channel_identity_channel_chat_id_key" ON "channel_identity"("channel", "chat_id");

-- CreateIndex
CREATE UNIQUE INDEX "channel_identity_officer_id_channel_key" ON "channel_identity"("officer_id", "channel");

-- CreateIndex
CREATE INDEX "inbound_message_received_at_idx" ON "inbound_message"("received_at");

-- CreateIndex
CREATE UNIQUE INDEX "inbound_message_channel_platform_id_key" ON "inbound_message"("channel", "platform_id");

-- CreateIndex
CREATE INDEX "status_report_task_id_reported_at_idx" ON "status_report"("task_id", "reported_at");

-- CreateIndex
CREATE INDEX "status_report_reported_at_idx" ON "status_report"("reported_at");

-- CreateIndex
CREATE UNIQUE INDEX "status_report_channel_platform_message_id_task_id_key" ON "status_report"("channel", "platform_message_id", "task_id");

-- CreateIndex
CREATE UNIQUE INDEX "reminder_dedup_key_key" ON "reminder"("dedup_key");

-- CreateIndex
CREATE INDEX "reminder_state_send_at_idx" ON "reminder"("state", "send_at");

-- CreateIndex
CREATE INDEX "reminder_task_id_due_day_idx" ON "reminder"("task_id", "due_day");

-- CreateIndex
CREATE UNIQUE INDEX "delivery_dedup_key_key" ON "delivery"("dedup_key");

-- CreateIndex
CREATE INDEX "delivery_state_created_at_idx" ON "delivery"("state", "created_at");

-- CreateIndex
CREATE INDEX "delivery_officer_id_created_at_idx" ON "delivery"("officer_id", "created_at");

-- CreateIndex
CREATE INDEX "delivery_attempt_delivery_id_idx" ON "delivery_attempt"("delivery_id");

-- CreateIndex
CREATE UNIQUE INDEX "digest_kind_period_key_key" ON "digest"("kind", "period_key");

-- CreateIndex
CREATE INDEX "deadline_extension_task_id_idx" ON "deadline_extension"("task_id");

-- CreateIndex
CREATE INDEX "explanation_request_task_id_idx" ON "explanation_request"("task_id");

-- CreateIndex
CREATE UNIQUE INDEX "conversation_channel_chat_id_kind_key" ON "conversation"("channel", "chat_id", "kind");

-- CreateIndex
CREATE INDEX "audit_log_at_idx" ON "audit_log"("at");

-- CreateIndex
CREATE INDEX "audit_log_target_type_target_id_idx" ON "audit_log"("target_type", "target_id");

-- AddForeignKey
ALTER TABLE "task_group" ADD CONSTRAINT "task_group_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_plan_id_fkey" FOREIGN KEY ("plan_id") REFERENCES "plan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task" ADD CONSTRAINT "task_group_id_fkey" FOREIGN KEY ("group_id") REFERENCES "task_group"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency" ADD CONSTRAINT "agency_successor_id_fkey" FOREIGN KEY ("successor_id") REFERENCES "agency"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "agency_alias" ADD CONSTRAINT "agency_alias_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_agency" ADD CONSTRAINT "task_agency_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "task_agency" ADD CONSTRAINT "task_agency_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "officer" ADD CONSTRAINT "officer_agency_id_fkey" FOREIGN KEY ("agency_id") REFERENCES "agency"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "officer" ADD CONSTRAINT "officer_deputy_id_fkey" FOREIGN KEY ("deputy_id") REFERENCES "officer"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "channel_identity" ADD CONSTRAINT "channel_identity_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "invite_code" ADD CONSTRAINT "invite_code_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_report" ADD CONSTRAINT "status_report_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_report" ADD CONSTRAINT "status_report_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "status_report" ADD CONSTRAINT "status_report_inbound_message_id_fkey" FOREIGN KEY ("inbound_message_id") REFERENCES "inbound_message"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder" ADD CONSTRAINT "reminder_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder" ADD CONSTRAINT "reminder_officer_id_fkey" FOREIGN KEY ("officer_id") REFERENCES "officer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "reminder" ADD CONSTRAINT "reminder_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "delivery"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "delivery_attempt" ADD CONSTRAINT "delivery_attempt_delivery_id_fkey" FOREIGN KEY ("delivery_id") REFERENCES "delivery"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deadline_extension" ADD CONSTRAINT "deadline_extension_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "explanation_request" ADD CONSTRAINT "explanation_request_task_id_fkey" FOREIGN KEY ("task_id") REFERENCES "task"("id") ON DELETE CASCADE ON UPDATE CASCADE;
