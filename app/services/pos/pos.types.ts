/**
 * What Ponte asks of a POS, in its own terms. Every adapter (Cassa in Cloud,
 * ...) speaks these; ids are the POS's own (a sale point's and an order's branded, ids.ts).
 */
import type { PosOrderId, SalePointId } from "../ids";

export interface PosSalePoint {
  id: SalePointId;
  name: string;
  address: string;
}

export type {
  SourceCategory as PosCategory,
  SourceVariant as PosVariant,
  SourceProduct as PosProduct,
  SourceStockLevel as PosStockLevel,
} from "../sources/product-source.types";

export interface NewPosOrder {
  /** Ponte's key for this order at this sale point; the POS refuses a second order with it. */
  externalId: string;
  salePointId: SalePointId;
  /** When the goods are wanted; the POS requires it in the future. */
  dueDate: Date;
  customer: { name: string; email: string | null; phone: string | null } | null;
  note: string | null;
  rows: Array<{ variantId: string; quantity: number; price: string; note: string | null }>;
}

export type PosOrderSent = { id: PosOrderId; externalId: string; repeated: false } | { id: null; externalId: string; repeated: true };

/** The account settings that make a POS refuse connectors' orders, named with how to fix them. */
export type IncompatibleSetting = "mandatory-time" | "minimum-order";

export type PosConnectionCheck = { ok: true; salePoints: PosSalePoint[] } | { ok: false; error: string };
