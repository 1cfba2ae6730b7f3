/**
 * Bulk operations as Shopify runs them: bulkOperationRunQuery takes a query
 * whose connections have no page size, runs it over the whole shop, and
 * writes a JSONL file: one line per node, nested connection nodes on lines of
 * their own carrying "__parentId". The result is fetched from the
 * operation's `url`; bulk_operations/finish is sent when it completes.
 */
import { execute, GraphQLError, parse, validate, type GraphQLFieldResolver } from "graphql";
import { adminSchema } from "./admin-schema";
import type { RequestContext } from "./graphql-resolvers";
import { gid } from "./store/ids";
import type { EmulatedShop } from "./state";

export interface BulkOperationRecord {
  id: number;
  shop: string;
  query: string;
  type: "QUERY" | "MUTATION";
  status: "CREATED" | "RUNNING" | "CANCELING" | "CANCELED" | "COMPLETED" | "FAILED";
  errorCode: string | null;
  createdAt: string;
  completedAt: string | null;
  objectCount: number;
  rootObjectCount: number;
  lines: string[];
}

export function bulkOperationView(operation: BulkOperationRecord, baseUrl: string) {
  const body = operation.lines.join("\n");
  return {
    __typename: "BulkOperation",
    id: gid("BulkOperation", operation.id),
    status: operation.status,
    errorCode: operation.errorCode,
    createdAt: operation.createdAt,
    completedAt: operation.completedAt,
    objectCount: String(operation.objectCount),
    rootObjectCount: String(operation.rootObjectCount),
    fileSize: operation.status === "COMPLETED" ? String(Buffer.byteLength(body)) : null,
    url: operation.status === "COMPLETED" && operation.lines.length > 0 ? resultUrl(operation, baseUrl) : null,
    // ASSUMED: what a canceled or failed operation had written is offered as partial data.
    partialDataUrl: ["CANCELED", "FAILED"].includes(operation.status) && operation.lines.length > 0 ? resultUrl(operation, baseUrl) : null,
    query: operation.query,
    type: operation.type,
  };
}

/** A new operation of the shop's, numbered from the emulator's sequence. */
export function newBulkOperation(
  id: number,
  shop: EmulatedShop,
  query: string,
  type: BulkOperationRecord["type"],
  status: BulkOperationRecord["status"],
): BulkOperationRecord {
  const operation: BulkOperationRecord = {
    id,
    shop: shop.myshopifyDomain,
    query,
    type,
    status,
    errorCode: null,
    createdAt: new Date().toISOString(),
    completedAt: null,
    objectCount: 0,
    rootObjectCount: 0,
    lines: [],
  };
  shop.bulkOperations.set(operation.id, operation);
  return operation;
}

function resultUrl(operation: BulkOperationRecord, baseUrl: string): string {
  return `${baseUrl}/_bulk/${operation.id}.jsonl`;
}

/** Whether the operation's result file can be downloaded. */
export function hasResultFile(operation: BulkOperationRecord): boolean {
  return ["COMPLETED", "CANCELED", "FAILED"].includes(operation.status);
}

/** Runs the bulk query over the shop's whole state and returns the JSONL lines. */
export async function runBulkQuery(
  shop: EmulatedShop,
  query: string,
  fieldResolver: GraphQLFieldResolver<unknown, RequestContext>,
): Promise<{ lines: string[]; rootObjectCount: number }> {
  const document = parse(query);
  const errors = validate(adminSchema(), document);
  if (errors.length > 0) throw new GraphQLError(`Invalid bulk query: ${errors.map((e) => e.message).join("; ")}`);
  const result = await execute({ schema: adminSchema(), document, contextValue: { shop, bulk: true }, fieldResolver });
  if (result.errors?.length) throw new GraphQLError(`Bulk query failed: ${result.errors.map((e) => e.message).join("; ")}`);
  const lines: string[] = [];
  let rootObjectCount = 0;
  const emitNodes = (connectionValue: unknown, parentId: string | null) => {
    const nodes = nodesOf(connectionValue);
    for (const node of nodes) {
      const { flat, nested } = split(node);
      lines.push(JSON.stringify(parentId ? { ...flat, __parentId: parentId } : flat));
      if (!parentId) rootObjectCount++;
      for (const child of nested) emitNodes(child, String(flat.id));
    }
  };
  for (const value of Object.values(result.data ?? {})) emitNodes(value, null);
  return { lines, rootObjectCount };
}

function nodesOf(connectionValue: unknown): Array<Record<string, unknown>> {
  const value = connectionValue as { nodes?: unknown[]; edges?: Array<{ node: unknown }> } | null;
  if (!value) return [];
  return ((value.nodes ?? value.edges?.map((edge) => edge.node) ?? []) as Array<Record<string, unknown>>).filter(Boolean);
}

function isConnection(value: unknown): boolean {
  return value !== null && typeof value === "object" && !Array.isArray(value) && ("nodes" in value || "edges" in value);
}

/** A node's own fields, and its nested connections (which become lines of their own). */
function split(node: Record<string, unknown>): { flat: Record<string, unknown>; nested: unknown[] } {
  const flat: Record<string, unknown> = {};
  const nested: unknown[] = [];
  for (const [key, value] of Object.entries(node)) {
    if (isConnection(value)) nested.push(value);
    else flat[key] = value;
  }
  return { flat, nested };
}
