-- The ERP product import's and Icecat's words, held as every status and setting column is (app/services/database/column-values.ts).
ALTER TABLE "ShopSettings" ADD CONSTRAINT "ShopSettings_erpImportCategory_values" CHECK ("erpImportCategory" IN ('product-type', 'collection', 'none'));
ALTER TABLE "ErpArticleLink" ADD CONSTRAINT "ErpArticleLink_origin_values" CHECK ("origin" IN ('linked', 'created'));
ALTER TABLE "IcecatSheetState" ADD CONSTRAINT "IcecatSheetState_outcome_values" CHECK ("outcome" IN ('written', 'missing', 'denied', 'no-identifier'));
-- Two more schedule actions: import new products into the ERP, update the Icecat sheets.
ALTER TABLE "Schedule" DROP CONSTRAINT "Schedule_actions_values";
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_actions_values" CHECK ("actions" <@ ARRAY['import-orders', 'sync-customers', 'sync-statuses', 'push-stock', 'refresh-products', 'full-resync', 'recalculate-prices', 'update-icecat-sheets', 'import-new-products']::text[]);
