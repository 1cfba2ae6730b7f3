-- The refunds' words, held as every status and setting column is (app/services/database/column-values.ts).
ALTER TABLE "ErpConnection" ADD CONSTRAINT "ErpConnection_refundsMode_values" CHECK ("refundsMode" IN ('off', 'record', 'book'));
ALTER TABLE "RefundRecord" ADD CONSTRAINT "RefundRecord_status_values" CHECK ("status" IN ('waiting', 'in-sale', 'not-exported', 'cancelled', 'ignored', 'recorded', 'nothing', 'booked', 'retrying', 'failed'));
ALTER TABLE "ReturnRecord" ADD CONSTRAINT "ReturnRecord_status_values" CHECK ("status" IN ('waiting', 'ignored', 'recorded', 'nothing', 'booked', 'retrying', 'failed'));
