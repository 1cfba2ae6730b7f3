/**
 * A shop's POS connection and sale points. "Update data" validates the API
 * key by listing the sale points it unlocks: a good key is sealed and kept,
 * and the sale points merged into the shop's list (new ones last, switched
 * on; known ones keep their place and switch; ones the key no longer sees
 * are dropped); a bad key gets the POS's clear error and changes nothing.
 * The merchant's order and switches are kept per shop.
 */
import { recordAnswered, recordingHealth } from "../health/connection-health.server";
import type { PrismaClient, PosSalePoint as SalePointRow } from "@prisma/client";
import { z } from "zod";
import type { SecretBox } from "../crypto/secret-box.server";
import { sandboxSettings } from "../sandbox/sandbox-mode";
import { CassaAdapter } from "./cassa/cassa.adapter.server";
import type { PosConnector } from "./pos-connector";
import { salePointId, type SalePointId, type ShopDomain } from "../ids";

export type PosConnectorFactory = (apiKey: string) => PosConnector;

/** Cassa in Cloud; in the sandbox, its emulator. */
export const cassaConnector: PosConnectorFactory = (apiKey) => new CassaAdapter({ apiKey, baseUrl: sandboxSettings()?.cassaUrl ?? undefined });

export const posKeyInputSchema = z.object({ apiKey: z.string().trim().optional().default("") });

export interface ShopSalePoint {
  salePointId: SalePointId;
  name: string;
  address: string;
  priority: number;
  active: boolean;
}

/** Refused: no key to try (`missingKey`, nothing was sent), or Cassa in Cloud's own answer to the key. */
export type UpdateDataOutcome = { ok: true; salePoints: ShopSalePoint[] } | { ok: false; error: string; missingKey?: true };

export async function updatePosData(
  db: PrismaClient,
  box: SecretBox,
  shop: ShopDomain,
  raw: unknown,
  connectorFor: PosConnectorFactory = cassaConnector,
): Promise<UpdateDataOutcome> {
  const typed = posKeyInputSchema.parse(raw ?? {}).apiKey;
  const saved = await db.posConnection.findUnique({ where: { shop } });
  const apiKey = typed || (saved ? box.open(saved.apiKeySealed) : "");
  if (!apiKey) return { ok: false, error: "Paste the Cassa in Cloud API key first.", missingKey: true };

  const check = await connectorFor(apiKey).testConnection();
  if (!check.ok) return { ok: false, error: check.error };
  await recordAnswered(db, shop, "pos");

  await db.$transaction(
    async (tx) => {
      await tx.posConnection.upsert({
        where: { shop },
        create: { shop, apiKeySealed: box.seal(apiKey) },
        update: { apiKeySealed: box.seal(apiKey) },
      });
      const held = await tx.posSalePoint.findMany({ where: { shop }, orderBy: { priority: "asc" } });
      const seen = new Set(check.salePoints.map((p) => p.id));
      await tx.posSalePoint.deleteMany({ where: { shop, salePointId: { notIn: [...seen] } } });
      let next = held.reduce((max, row) => Math.max(max, row.priority), 0) + 1;
      for (const point of check.salePoints) {
        const known = held.find((row) => row.salePointId === point.id);
        if (known)
          await tx.posSalePoint.update({
            where: { shop_salePointId: { shop, salePointId: point.id } },
            data: { name: point.name, address: point.address },
          });
        else
          await tx.posSalePoint.create({
            data: { shop, salePointId: point.id, name: point.name, address: point.address, priority: next++, active: true },
          });
      }
    },
    { timeout: 30_000, maxWait: 10_000 },
  );
  return { ok: true, salePoints: await listShopSalePoints(db, shop) };
}

export async function listShopSalePoints(db: PrismaClient, shop: ShopDomain): Promise<ShopSalePoint[]> {
  const rows = await db.posSalePoint.findMany({ where: { shop }, orderBy: [{ priority: "asc" }, { salePointId: "asc" }] });
  return rows.map(toShopSalePoint);
}

/** The merchant's new priority order: every sale point of the shop, each once. */
export async function reorderSalePoints(db: PrismaClient, shop: ShopDomain, orderedIds: string[]): Promise<ShopSalePoint[]> {
  const held = await db.posSalePoint.findMany({ where: { shop }, select: { salePointId: true } });
  const same =
    orderedIds.length === held.length && new Set(orderedIds).size === orderedIds.length && held.every((row) => orderedIds.includes(row.salePointId));
  if (!same) throw new z.ZodError([{ code: "custom", path: ["order"], message: "errors.pos.reorder", input: orderedIds }]);
  await db.$transaction(
    orderedIds.map((salePointId, index) =>
      db.posSalePoint.update({ where: { shop_salePointId: { shop, salePointId } }, data: { priority: index + 1 } }),
    ),
  );
  return listShopSalePoints(db, shop);
}

export async function setSalePointActive(db: PrismaClient, shop: ShopDomain, salePointId: SalePointId, active: boolean): Promise<ShopSalePoint[]> {
  await db.posSalePoint.update({ where: { shop_salePointId: { shop, salePointId } }, data: { active } });
  return listShopSalePoints(db, shop);
}

/** The shop's POS, ready to call; null until a key has been validated. */
export async function posConnectorForShop(
  db: PrismaClient,
  box: SecretBox,
  shop: ShopDomain,
  connectorFor: PosConnectorFactory = cassaConnector,
): Promise<PosConnector | null> {
  const row = await db.posConnection.findUnique({ where: { shop } });
  return row ? recordingHealth(connectorFor(box.open(row.apiKeySealed)), db, shop, "pos") : null;
}

function toShopSalePoint(row: SalePointRow): ShopSalePoint {
  return { salePointId: salePointId(row.salePointId), name: row.name, address: row.address, priority: row.priority, active: row.active };
}

/** Whether the shop has a POS connected (then its orders are dispatched to it). */
export async function hasPosConnection(db: PrismaClient, shop: ShopDomain): Promise<boolean> {
  return (await db.posConnection.count({ where: { shop } })) > 0;
}
