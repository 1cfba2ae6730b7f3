/** Shopify's real Admin GraphQL schema (2026-07), loaded once per process. */
import { readFileSync } from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { buildClientSchema, type GraphQLSchema, type IntrospectionQuery } from "graphql";

export const ADMIN_API_VERSION = "2026-07";
const schemaFile = path.join(import.meta.dirname, "schema", `admin_${ADMIN_API_VERSION}.json.gz`);

let cached: GraphQLSchema | undefined;

export function adminSchema(): GraphQLSchema {
  if (!cached) {
    const introspection = JSON.parse(gunzipSync(readFileSync(schemaFile)).toString("utf8")) as { data: IntrospectionQuery };
    cached = buildClientSchema(introspection.data);
  }
  return cached;
}
