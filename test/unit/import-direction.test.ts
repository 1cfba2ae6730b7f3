// GIVEN the app's code (app/) and the worker's job definitions (jobs/)
// WHEN every import in app/ is resolved
// THEN none reaches into jobs/: job definitions call services, never the other way round; no GraphQL document is used
//      outside the Shopify adapters;
//      and the adapters (Shopify, the ERPs, the POS) reach into no use case (catalog, sync, pricing): shared types have their own modules
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sourceFiles } from "../support/source-files";

const root = path.resolve(import.meta.dirname, "../..");
const services = path.join(root, "app", "services");

/** Every relative import of the files under `from` that lands under one of `into`, as "file -> target". */
function importsInto(from: string, into: string[]): string[] {
  const targets = into.map((dir) => dir + path.sep);
  return sourceFiles(from).flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/(?:from|import)\s*\(?\s*["'](\.[^"']+)["']/g)]
      .map((match) => path.resolve(path.dirname(file), match[1]!))
      .filter((target) => targets.some((dir) => target.startsWith(dir)))
      .map((target) => `${path.relative(root, file)} -> ${path.relative(root, target)}`),
  );
}

describe("import direction", () => {
  it("no module under app/ imports from jobs/", () => {
    expect(sourceFiles(path.join(root, "app")).length).toBeGreaterThan(100);
    expect(importsInto(path.join(root, "app"), [path.join(root, "jobs")])).toEqual([]);
  });

  it("no adapter (shopify/, erp/, pos/) imports a use case's module (catalog/, sync/, pricing/)", () => {
    const useCases = ["catalog", "sync", "pricing"].map((dir) => path.join(services, dir));
    const adapters = ["shopify", "erp", "pos"].map((dir) => path.join(services, dir));
    expect(adapters.flatMap((dir) => sourceFiles(dir)).length).toBeGreaterThan(20);
    expect(adapters.flatMap((dir) => importsInto(dir, useCases))).toEqual([]);
    // The check finds such an import: the catalog's own modules import one another.
    expect(importsInto(path.join(services, "catalog"), useCases).length).toBeGreaterThan(0);
  });

  it("no module outside the Shopify adapters (app/services/shopify/) holds a GraphQL document or its generated types", () => {
    const graphql = path.join(services, "shopify", "graphql");
    const outside = [
      path.join(root, "app", "routes"),
      path.join(root, "app", "components"),
      ...readdirSync(services, { withFileTypes: true })
        .filter((entry) => entry.isDirectory() && entry.name !== "shopify")
        .map((entry) => path.join(services, entry.name)),
    ];
    expect(outside.length).toBeGreaterThan(15);
    expect(outside.flatMap((dir) => importsInto(dir, [graphql]))).toEqual([]);
    // The check finds such an import: the adapters themselves import their documents.
    expect(importsInto(path.join(services, "shopify"), [graphql]).length).toBeGreaterThan(5);
  });

  it("can fail: an import into jobs/ is found", () => {
    const file = path.join(root, "app", "services", "example.ts");
    const target = path.resolve(path.dirname(file), "../../jobs/definitions");
    expect(target.startsWith(path.join(root, "jobs") + path.sep)).toBe(true);
  });
});
