-- The inbox keeps each delivery's body as JSON text (json), as Shopify sent it: PostgreSQL checks it is JSON as it is
-- stored and does not convert it to jsonb's binary form, the larger part of its time storing a delivery. Existing
-- bodies are kept (their jsonb written out as text).
ALTER TABLE "WebhookEvent" ALTER COLUMN "payload" SET DATA TYPE JSON USING "payload"::json;
