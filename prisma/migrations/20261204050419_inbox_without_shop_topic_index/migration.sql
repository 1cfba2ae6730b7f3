-- DropIndex
DROP INDEX "WebhookEvent_shop_topic_receivedAt_idx";

