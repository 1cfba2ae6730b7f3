/** The shops that installed Ponte: recorded on first visit, marked at uninstall. */
import { Prisma, type PrismaClient } from "@prisma/client";

export async function recordShopInstalled(db: PrismaClient, domain: string) {
  return db.shop.upsert({
    where: { domain },
    create: { domain },
    update: { uninstalledAt: null },
  });
}

/** The shop's record, created on first sight (a shop installed before Ponte recorded installs). */
export async function findOrRecordShop(db: PrismaClient, domain: string) {
  return (await db.shop.findUnique({ where: { domain } })) ?? recordShopInstalled(db, domain);
}

export async function recordShopUninstalled(db: PrismaClient, domain: string): Promise<void> {
  await db.shop.updateMany({ where: { domain }, data: { uninstalledAt: new Date() } });
  await db.session.deleteMany({ where: { shop: domain } });
}

/** Models that hold nothing about any one shop. Every other model must have a `shop` column (Shop itself: `domain`). */
export const MODELS_WITHOUT_SHOP = new Set(["WorkerHeartbeat", "SupervisedService"]);

/** Every model of the schema that holds a shop's rows, from Prisma's own model list: a new table cannot be forgotten. */
export function perShopModels(): string[] {
  const models = Prisma.dmmf.datamodel.models;
  const unclaimed = models.filter(
    (model) => model.name !== "Shop" && !MODELS_WITHOUT_SHOP.has(model.name) && !model.fields.some((field) => field.name === "shop"),
  );
  if (unclaimed.length > 0) {
    throw new Error(`models with no shop column, not listed as shop-free: ${unclaimed.map((model) => model.name).join(", ")}`);
  }
  return models.filter((model) => model.fields.some((field) => field.name === "shop")).map((model) => model.name);
}

type DeleteManyDelegate = { deleteMany(args: { where: Record<string, string> }): Prisma.PrismaPromise<Prisma.BatchPayload> };

/**
 * shop/redact: 48 hours after uninstall, Shopify asks us to erase the shop's data. Every row of every model that
 * names the shop goes, in one transaction, the request's own inbox row included; the Shop row last.
 */
export async function eraseShopData(db: PrismaClient, domain: string): Promise<void> {
  const delegateOf = (model: string) => (db as unknown as Record<string, DeleteManyDelegate>)[model.charAt(0).toLowerCase() + model.slice(1)]!;
  await db.$transaction([
    ...perShopModels().map((model) => delegateOf(model).deleteMany({ where: { shop: domain } })),
    db.shop.deleteMany({ where: { domain } }),
  ]);
}
