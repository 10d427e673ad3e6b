-- AlterTable
ALTER TABLE "status_report" ADD COLUMN     "evidence_file_id" TEXT,
ADD COLUMN     "evidence_kind" TEXT,
ADD COLUMN     "evidence_size" INTEGER,
ADD COLUMN     "source_message" TEXT,
ADD COLUMN     "superseded_at" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "command_run" (
    "inbound_id" INTEGER NOT NULL,
    "command" TEXT NOT NULL,
    "started_at" TIMESTAMPTZ(3) NOT NULL,
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "command_run_pkey" PRIMARY KEY ("inbound_id")
);

-- CreateIndex
CREATE INDEX "status_report_channel_source_message_idx" ON "status_report"("channel", "source_message");

-- AddForeignKey
ALTER TABLE "command_run" ADD CONSTRAINT "command_run_inbound_id_fkey" FOREIGN KEY ("inbound_id") REFERENCES "inbound_message"("id") ON DELETE CASCADE ON UPDATE CASCADE;
