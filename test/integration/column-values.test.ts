// GIVEN the migrated database and app/services/database/column-values.ts
// WHEN the database's CHECK constraints and the schema's comments are read
// THEN every status, kind and setting column is constrained to exactly the words the code's unions name, the schema's
//      comments list the same words, and a write of any other word is refused by the database
import { readFileSync } from "node:fs";
import path from "node:path";
import type { PrismaClient } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkName, COLUMN_VALUES } from "../../app/services/database/column-values";
import { createPrismaClient } from "../../app/services/database/prisma-client.server";
import { createTestDatabase } from "../support/test-database";

let db: PrismaClient;

beforeAll(async () => {
  db = createPrismaClient(await createTestDatabase("column-values"));
});
afterAll(() => db?.$disconnect());

/** Field -> its `///` comment, read from schema.prisma (Prisma's runtime model list does not carry comments). */
function schemaComments(): Map<string, string> {
  const text = readFileSync(path.resolve(import.meta.dirname, "../../prisma/schema.prisma"), "utf8");
  const comments = new Map<string, string>();
  let model = "";
  let pending: string[] = [];
  for (const line of text.split("\n").map((one) => one.trim())) {
    const opens = /^model (\w+) \{/.exec(line);
    if (opens) model = opens[1]!;
    else if (line.startsWith("///")) pending.push(line.slice(3).trim());
    else {
      const field = /^(\w+)\s+\w/.exec(line);
      if (field && model && pending.length > 0) comments.set(`${model}.${field[1]}`, pending.join(" "));
      pending = [];
    }
  }
  return comments;
}

describe("status, kind and setting columns", () => {
  it("each is held by a CHECK constraint naming exactly the words of its TypeScript union", async () => {
    const rows = await db.$queryRaw<Array<{ name: string; definition: string }>>`
      select conname as name, pg_get_constraintdef(oid) as definition from pg_constraint where contype = 'c' and conname like '%\\_values'`;
    const live = new Map(rows.map((row) => [row.name, row.definition]));
    let columns = 0;
    for (const [model, fields] of Object.entries(COLUMN_VALUES)) {
      for (const [field, words] of Object.entries(fields)) {
        const definition = live.get(checkName(model, field));
        expect(definition, `${model}.${field} has no CHECK constraint`).toBeDefined();
        const named = [...definition!.matchAll(/'([^']*)'/g)].map((match) => match[1]);
        expect(new Set(named), `${model}.${field}`).toEqual(new Set(words));
        columns++;
      }
    }
    expect(live.size).toBe(columns);
    console.log(`${columns} columns held to their words by the database`);
  });

  it("every column the schema describes as a choice of words ('a | b') is one of them, with the same words", () => {
    const described = [...schemaComments()].filter(([, comment]) => / \| /.test(comment));
    expect(described.length).toBeGreaterThan(15);
    for (const [column, comment] of described) {
      const [model, field] = column.split(".") as [string, string];
      const words = COLUMN_VALUES[model]?.[field];
      expect(words, `${column} ("${comment}") has no list in column-values.ts`).toBeDefined();
      const choice = comment.slice(comment.lastIndexOf(":") + 1);
      const listed = choice.split("|").map((part) => part.trim().split(/\s/)[0]!.replace(/[.,]$/, ""));
      expect(new Set(listed), column).toEqual(new Set(words));
    }
  });

  it("the database refuses a word the list does not name, and keeps the row as it was", async () => {
    await db.orderExport.create({ data: { shop: "words.myshopify.com", orderId: "gid://shopify/Order/1", orderName: "#1", status: "waiting" } });
    await expect(
      db.orderExport.update({
        where: { shop_orderId: { shop: "words.myshopify.com", orderId: "gid://shopify/Order/1" } },
        data: { status: "half-exported" },
      }),
    ).rejects.toThrow(/OrderExport_status_values|check constraint/i);
    await expect(
      db.posOrderAllocation.create({ data: { shop: "words.myshopify.com", orderId: "gid://shopify/Order/1", orderName: "#1", status: "lost" } }),
    ).rejects.toThrow();
    await expect(
      db.schedule.create({ data: { shop: "words.myshopify.com", name: "x", actions: ["import-orders", "launch-rockets"], when: {} } }),
    ).rejects.toThrow();
    expect((await db.orderExport.findFirstOrThrow({ where: { shop: "words.myshopify.com" } })).status).toBe("waiting");
  });
});
