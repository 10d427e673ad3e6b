-- The outbox loads the reminders a delivery carries when it claims it (store/deliveries.ts): by index,
-- not by a scan of every reminder ever planned.
CREATE INDEX "reminder_delivery_id_idx" ON "reminder"("delivery_id");
