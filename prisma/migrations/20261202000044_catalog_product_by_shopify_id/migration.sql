-- CreateIndex
CREATE INDEX "CatalogProduct_shop_shopifyProductId_idx" ON "CatalogProduct"("shop", "shopifyProductId");

