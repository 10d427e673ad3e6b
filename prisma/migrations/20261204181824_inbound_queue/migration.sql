-- AlterTable
ALTER TABLE "inbound_message" ADD COLUMN     "attempts" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "message" JSONB,
ADD COLUMN     "retry_at" TIMESTAMPTZ(3);

-- CreateIndex
CREATE INDEX "inbound_message_outcome_channel_chat_id_id_idx" ON "inbound_message"("outcome", "channel", "chat_id", "id");
