-- Every status, kind and setting column holds only the words app/services/database/column-values.ts names
-- (test/integration/column-values.test.ts keeps the two equal). Existing rows already hold only these words.
ALTER TABLE "OrderSnapshot" ADD CONSTRAINT "OrderSnapshot_source_values" CHECK ("source" IN ('webhook', 'reconcile'));
ALTER TABLE "ProductSnapshot" ADD CONSTRAINT "ProductSnapshot_source_values" CHECK ("source" IN ('webhook', 'reconcile'));
ALTER TABLE "OrderExport" ADD CONSTRAINT "OrderExport_status_values" CHECK ("status" IN ('waiting', 'exported', 'retrying', 'failed', 'skipped'));
ALTER TABLE "OrderExport" ADD CONSTRAINT "OrderExport_erpState_values" CHECK ("erpState" IN ('draft', 'confirmed', 'processing', 'shipped', 'invoiced', 'done', 'cancelled'));
ALTER TABLE "ShopSettings" ADD CONSTRAINT "ShopSettings_ordersToErp_values" CHECK ("ordersToErp" IN ('paid', 'all'));
ALTER TABLE "ErpConnection" ADD CONSTRAINT "ErpConnection_kind_values" CHECK ("kind" IN ('tryton', 'http'));
ALTER TABLE "PosConnection" ADD CONSTRAINT "PosConnection_kind_values" CHECK ("kind" IN ('cassa-in-cloud'));
ALTER TABLE "PosConnection" ADD CONSTRAINT "PosConnection_blockingSetting_values" CHECK ("blockingSetting" IN ('mandatory-time', 'minimum-order'));
ALTER TABLE "PosOrderAllocation" ADD CONSTRAINT "PosOrderAllocation_status_values" CHECK ("status" IN ('planned', 'dispatched', 'waiting', 'retrying', 'unservable', 'cancel-flagged', 'skipped', 'failed'));
ALTER TABLE "PosLocationStock" ADD CONSTRAINT "PosLocationStock_source_values" CHECK ("source" IN ('none', 'sum', 'sale-point', 'warehouse'));
ALTER TABLE "JobRun" ADD CONSTRAINT "JobRun_trigger_values" CHECK ("trigger" IN ('built-in', 'schedule', 'manual'));
ALTER TABLE "JobRun" ADD CONSTRAINT "JobRun_status_values" CHECK ("status" IN ('queued', 'running', 'completed', 'failed', 'cancelled', 'skipped'));
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_actions_values" CHECK ("actions" <@ ARRAY['import-orders', 'sync-customers', 'sync-statuses', 'push-stock', 'refresh-products', 'full-resync', 'recalculate-prices']::text[]);
ALTER TABLE "CatalogItem" ADD CONSTRAINT "CatalogItem_origin_values" CHECK ("origin" IN ('linked', 'created'));
ALTER TABLE "CatalogSync" ADD CONSTRAINT "CatalogSync_firstSync_values" CHECK ("firstSync" IN ('not-started', 'running', 'completed', 'failed', 'cancelled'));
ALTER TABLE "CatalogProduct" ADD CONSTRAINT "CatalogProduct_draftedBy_values" CHECK ("draftedBy" IN ('out-of-stock', 'not-for-ecommerce'));
ALTER TABLE "PriceRule" ADD CONSTRAINT "PriceRule_scope_values" CHECK ("scope" IN ('all', 'vendor', 'product-type', 'collection'));
ALTER TABLE "PriceRule" ADD CONSTRAINT "PriceRule_base_values" CHECK ("base" IN ('list', 'cost'));
ALTER TABLE "PriceRule" ADD CONSTRAINT "PriceRule_adjustment_values" CHECK ("adjustment" IN ('markup-percent', 'fixed-amount'));
ALTER TABLE "PriceRule" ADD CONSTRAINT "PriceRule_rounding_values" CHECK ("rounding" IN ('none', '0.90', '0.99'));
ALTER TABLE "CatalogSettings" ADD CONSTRAINT "CatalogSettings_productSource_values" CHECK ("productSource" IN ('pos', 'erp'));
ALTER TABLE "CatalogSettings" ADD CONSTRAINT "CatalogSettings_stockSource_values" CHECK ("stockSource" IN ('pos', 'erp'));
