/**
 * One row in every table of the Prisma schema for a shop, built from Prisma's
 * own model list and the live table's columns (not a hand-written list): a
 * new model is filled, and so checked, without anyone remembering it.
 */
import { Prisma, type PrismaClient } from "@prisma/client";
import { COLUMN_VALUES } from "../../app/services/database/column-values";

interface Column {
  column_name: string;
  data_type: string;
  is_nullable: "YES" | "NO";
  column_default: string | null;
}

export const modelNames = (): string[] => Prisma.dmmf.datamodel.models.map((model) => model.name);

const shopColumn = (model: string) => (model === "Shop" ? "domain" : "shop");

async function columnsOf(db: PrismaClient, table: string): Promise<Column[]> {
  return db.$queryRaw<
    Column[]
  >`select column_name, data_type, is_nullable, column_default from information_schema.columns where table_name = ${table} and table_schema = current_schema()`;
}

function valueFor(model: string, column: Column, shop: string, n: number): string {
  const words = COLUMN_VALUES[model]?.[column.column_name];
  if (column.column_name === shopColumn(model)) return `'${shop}'`;
  if (words) return column.data_type === "ARRAY" ? `ARRAY['${words[0]}']::text[]` : `'${words[0]}'`;
  switch (column.data_type) {
    case "integer":
    case "bigint":
    case "double precision":
      return String(n);
    case "boolean":
      return "false";
    case "jsonb":
    case "json":
      return `'{}'`;
    case "ARRAY":
      return "'{}'";
    case "timestamp without time zone":
    case "timestamp with time zone":
      return "now()";
    default:
      return `'${column.column_name}-${n}-${shop}'`;
  }
}

/** Each column of the table that references another table's column (a foreign key). */
async function foreignKeysOf(db: PrismaClient, table: string): Promise<Map<string, { table: string; column: string }>> {
  const rows = await db.$queryRaw<Array<{ column_name: string; foreign_table: string; foreign_column: string }>>`
    select kcu.column_name, ccu.table_name as foreign_table, ccu.column_name as foreign_column
      from information_schema.table_constraints tc
      join information_schema.key_column_usage kcu on kcu.constraint_name = tc.constraint_name and kcu.table_schema = tc.table_schema
      join information_schema.constraint_column_usage ccu on ccu.constraint_name = tc.constraint_name and ccu.table_schema = tc.table_schema
     where tc.constraint_type = 'FOREIGN KEY' and tc.table_name = ${table} and tc.table_schema = current_schema()`;
  return new Map(rows.map((row) => [row.column_name, { table: row.foreign_table, column: row.foreign_column }]));
}

/** Inserts one row naming the shop in every model that has a shop column (and the Shop row); a foreign key names the shop's row it refers to. */
export async function fillEveryModel(db: PrismaClient, shop: string, n = 1): Promise<string[]> {
  const filled: string[] = [];
  for (const model of modelNames()) {
    const columns = await columnsOf(db, model);
    const references = await foreignKeysOf(db, model);
    if (!columns.some((column) => column.column_name === shopColumn(model))) continue;
    const needed = columns.filter(
      (column) => column.column_name === shopColumn(model) || (column.is_nullable === "NO" && column.column_default === null),
    );
    const value = (column: Column) => {
      const target = references.get(column.column_name);
      return target ? `(select "${target.column}" from "${target.table}" where shop = '${shop}' limit 1)` : valueFor(model, column, shop, n);
    };
    const sql = `insert into "${model}" (${needed.map((c) => `"${c.column_name}"`).join(", ")}) values (${needed.map(value).join(", ")}) on conflict do nothing`;
    await db.$executeRawUnsafe(sql);
    filled.push(model);
  }
  return filled;
}

/** How many rows of the shop each model holds (models with no shop column are not listed). */
export async function rowsOfShop(db: PrismaClient, shop: string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const model of modelNames()) {
    const columns = await columnsOf(db, model);
    if (!columns.some((column) => column.column_name === shopColumn(model))) continue;
    const [row] = await db.$queryRawUnsafe<Array<{ n: bigint }>>(`select count(*) as n from "${model}" where "${shopColumn(model)}" = $1`, shop);
    counts[model] = Number(row!.n);
  }
  return counts;
}
