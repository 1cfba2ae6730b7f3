/**
 * A shop's ERP connection: saved from the connection form (parsed, the
 * secret sealed at once), turned into the right ErpConnector, and described
 * back to the merchant without ever showing the secret.
 */
import type { PrismaClient } from "@prisma/client";
import { z } from "zod";
import type { SecretBox } from "../crypto/secret-box.server";
import type { ErpConnector } from "./erp-connector";
import type { ConnectionCheck } from "./erp.types";
import { HttpErpAdapter } from "./http-erp.adapter.server";
import { TrytonAdapter } from "./tryton/tryton.adapter.server";

export const erpConnectionInputSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("tryton"),
    url: z.url("The Tryton URL must be a full URL, like https://erp.example.com"),
    database: z.string().min(1, "Name the Tryton database"),
    login: z.string().min(1, "Give the Tryton user's login"),
    secret: z.string().min(1, "Give the Tryton user's password"),
  }),
  z.object({
    kind: z.literal("http"),
    url: z.url("The ERP service URL must be a full URL, like https://erp.example.com/ponte"),
    secret: z.string().min(1, "Give the ERP service's API key"),
  }),
]);
export type ErpConnectionInput = z.infer<typeof erpConnectionInputSchema>;

export interface ErpConnectionSummary {
  kind: "tryton" | "http";
  url: string;
  database: string | null;
  login: string | null;
  /** The secret's last two characters, the rest masked. */
  secretHint: string;
}

export async function saveErpConnection(db: PrismaClient, box: SecretBox, shop: string, raw: unknown): Promise<ErpConnectionSummary> {
  const input = await parseKeepingSecret(db, box, shop, raw);
  const values = {
    kind: input.kind,
    url: input.url,
    database: input.kind === "tryton" ? input.database : null,
    login: input.kind === "tryton" ? input.login : null,
    secretSealed: box.seal(input.secret),
  };
  await db.erpConnection.upsert({ where: { shop }, create: { shop, ...values }, update: values });
  return summarize(values, input.secret);
}

export async function describeErpConnection(db: PrismaClient, box: SecretBox, shop: string): Promise<ErpConnectionSummary | null> {
  const row = await db.erpConnection.findUnique({ where: { shop } });
  return row ? summarize(row, box.open(row.secretSealed)) : null;
}

/** The shop's ERP, ready to call; null when the merchant has not connected one. */
export async function erpConnectorForShop(db: PrismaClient, box: SecretBox, shop: string): Promise<ErpConnector | null> {
  const row = await db.erpConnection.findUnique({ where: { shop } });
  if (!row) return null;
  return connectorFor({ kind: row.kind as "tryton" | "http", url: row.url, database: row.database, login: row.login }, box.open(row.secretSealed));
}

export function connectorFor(settings: { kind: "tryton" | "http"; url: string; database: string | null; login: string | null }, secret: string): ErpConnector {
  if (settings.kind === "tryton") {
    return new TrytonAdapter({ url: settings.url, database: settings.database ?? "", login: settings.login ?? "", password: secret });
  }
  return new HttpErpAdapter({ baseUrl: settings.url, apiKey: secret });
}

function summarize(row: { kind: string; url: string; database: string | null; login: string | null }, secret: string): ErpConnectionSummary {
  return {
    kind: row.kind as "tryton" | "http",
    url: row.url,
    database: row.database,
    login: row.login,
    secretHint: `${"•".repeat(8)}${secret.slice(-2)}`,
  };
}

/**
 * The form leaves the password or key empty to keep the one saved (it is
 * never sent back to the browser); the saved one is used when the ERP kind
 * is unchanged.
 */
async function parseKeepingSecret(db: PrismaClient, box: SecretBox, shop: string, raw: unknown): Promise<ErpConnectionInput> {
  const form = (raw ?? {}) as Record<string, unknown>;
  if (!form.secret) {
    const saved = await db.erpConnection.findUnique({ where: { shop } });
    if (saved && saved.kind === form.kind) return erpConnectionInputSchema.parse({ ...form, secret: box.open(saved.secretSealed) });
  }
  return erpConnectionInputSchema.parse(raw);
}

/** "Test connection" on the form's values (the saved secret when the field is left empty): a clear answer, never a throw. */
export async function testErpConnectionInput(db: PrismaClient, box: SecretBox, shop: string, raw: unknown): Promise<ConnectionCheck> {
  let input: ErpConnectionInput;
  try {
    input = await parseKeepingSecret(db, box, shop, raw);
  } catch (error) {
    if (error instanceof z.ZodError) return { ok: false, error: error.issues.map((issue) => issue.message).join("; ") };
    throw error;
  }
  const connector = connectorFor(
    { kind: input.kind, url: input.url, database: input.kind === "tryton" ? input.database : null, login: input.kind === "tryton" ? input.login : null },
    input.secret,
  );
  try {
    return await connector.testConnection();
  } catch (error) {
    return { ok: false, error: (error as Error).message };
  }
}

/** What the dashboard shows of the ERP: which one and where, never its secret. */
export async function erpConnectionOverview(db: PrismaClient, shop: string): Promise<{ kind: "tryton" | "http"; url: string } | null> {
  const row = await db.erpConnection.findUnique({ where: { shop }, select: { kind: true, url: true } });
  return row ? { kind: row.kind as "tryton" | "http", url: row.url } : null;
}
