// Every GraphQL document Ponte sends (a `#graphql` template in app/) must
// validate against Shopify's real Admin schema, 2026-07.
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse, validate } from "graphql";
import { describe, expect, it } from "vitest";
import { availableQuantitiesQuery } from "../../app/services/shopify/graphql/inventory/get-available-quantities";
import { adminSchema } from "../../emulators/shopify/admin-schema";
import { sourceFiles } from "../support/source-files";

const appDir = path.resolve(import.meta.dirname, "../../app");

const documents = sourceFiles(appDir).flatMap((file) =>
  [...readFileSync(file, "utf8").matchAll(/`#graphql([\s\S]*?)`/g)].map((match) => ({ file: path.relative(appDir, file), text: match[1]! })),
);

describe("GraphQL documents in app/", () => {
  it("are found", () => {
    expect(documents.length).toBeGreaterThan(0);
  });

  it.each(documents.map((d) => [d.file, d.text] as const))("%s validates against the Admin schema", (_file, text) => {
    const errors = validate(adminSchema(), parse(text)).map((error) => error.message);
    expect(errors).toEqual([]);
  });

  it("the aliased query for several items' available quantities validates, whatever the number of pairs", () => {
    for (const count of [1, 3, 50]) expect(validate(adminSchema(), parse(availableQuantitiesQuery(count))).map((error) => error.message)).toEqual([]);
  });

  it("the check catches a wrong field and a wrong argument", () => {
    expect(validate(adminSchema(), parse("{ shop { nme } }")).length).toBeGreaterThan(0);
    expect(validate(adminSchema(), parse("{ locations(frist: 2) { nodes { id } } }")).length).toBeGreaterThan(0);
  });
});
