/**
 * Bulk mutations as Shopify's bulk import guide describes them
 * (shopify.dev/docs/api/usage/bulk-operations/imports):
 *
 * 1. `stagedUploadsCreate` with resource BULK_MUTATION_VARIABLES and POST gives
 *    an upload target: a bucket URL and form parameters, one of them `key`.
 * 2. The app POSTs a multipart form to that URL: the parameters, then `file`
 *    (the JSONL, one line of variables per mutation call). The bucket refuses
 *    a file over 20 MB (SHOPIFY'S STAFF ON THEIR FORUM: 20,971,520 bytes; the
 *    XML error is the storage service's).
 * 3. `bulkOperationRunMutation(mutation, stagedUploadPath: key)` runs the
 *    mutation once per line. Since API 2026-01, up to five bulk mutations run
 *    at a time per shop (the guide); a sixth is refused with LIMIT_REACHED
 *    (ASSUMED: the guide names no code for it; BulkMutationErrorCode's
 *    LIMIT_REACHED reads "Bulk operations limit reached").
 * 4. The result is a JSONL file: per input line, the mutation's answer with
 *    `__lineNumber` (from 0). A line Shopify could not run carries `errors`
 *    instead of `data` (ASSUMED: the shape of a GraphQL error answer).
 *
 * Bulk operations do not draw on the shop's rate-limit bucket. The emulator
 * runs the lines a slice at a time, so a bulkOperationCancel lands part-way.
 */
import { createHmac, randomUUID } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { execute, Kind, parse, validate, type DocumentNode, type GraphQLError, type GraphQLFieldResolver } from "graphql";
import { adminSchema } from "./admin-schema";
import type { RequestContext } from "./graphql-resolvers";
import type { BulkOperationRecord } from "./bulk-operations";
import type { EmulatedShop } from "./state";

/** The staged upload bucket's limit on one file: 20 MiB. */
export const STAGED_FILE_LIMIT_BYTES = 20 * 1024 * 1024;
/** Bulk mutations running at once per shop (API 2026-01 and later). */
export const CONCURRENT_BULK_MUTATIONS = 5;
/** Lines the emulator runs before it lets other work (and a cancel) in. */
const LINES_PER_SLICE = 10;
const SIGNING_SECRET = randomUUID();

/** Files uploaded to the staged upload bucket, by key. */
export class StagedUploads {
  private readonly files = new Map<string, Buffer>();

  target(shop: EmulatedShop, baseUrl: string, input: { resource: string; filename: string; mimeType: string; httpMethod?: string | null }) {
    const key = `tmp/${shop.id}/bulk/${randomUUID()}/${input.filename}`;
    return {
      url: `${baseUrl}/_staged-uploads/`,
      resourceUrl: null,
      parameters: [
        { name: "Content-Type", value: input.mimeType },
        { name: "success_action_status", value: "201" },
        { name: "acl", value: "private" },
        { name: "key", value: key },
        { name: "x-goog-algorithm", value: "GOOG4-HMAC-SHA256" },
        { name: "x-goog-signature", value: signatureOf(key) },
      ],
    };
  }

  file(shop: EmulatedShop, key: string): Buffer | undefined {
    return key.startsWith(`tmp/${shop.id}/bulk/`) ? this.files.get(key) : undefined;
  }

  /** The bucket's POST: a multipart form whose last field is the file. */
  async receive(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const declared = Number(request.headers["content-length"] ?? "NaN");
    if (Number.isFinite(declared) && declared > STAGED_FILE_LIMIT_BYTES + 64 * 1024) {
      request.resume();
      return xmlError(response, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > STAGED_FILE_LIMIT_BYTES + 64 * 1024)
        return xmlError(response, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
      chunks.push(chunk);
    }
    let form: FormData;
    try {
      form = await new Request("http://bucket/", {
        method: "POST",
        headers: { "content-type": String(request.headers["content-type"] ?? "") },
        body: Buffer.concat(chunks),
      }).formData();
    } catch {
      return xmlError(response, 400, "InvalidArgument", "The request is not a valid multipart form.");
    }
    const key = form.get("key");
    const file = form.get("file");
    if (typeof key !== "string" || form.get("x-goog-signature") !== signatureOf(key)) {
      return xmlError(response, 403, "AccessDenied", "Invalid according to Policy: Policy Condition failed.");
    }
    if (!(file instanceof Blob)) return xmlError(response, 400, "InvalidArgument", "POST requires exactly one file upload per request.");
    if (file.size > STAGED_FILE_LIMIT_BYTES)
      return xmlError(response, 400, "EntityTooLarge", "Your proposed upload exceeds the maximum allowed size");
    this.files.set(key, Buffer.from(await file.arrayBuffer()));
    response.writeHead(201, { "Content-Type": "application/xml" });
    response.end(`<?xml version="1.0" encoding="UTF-8"?><PostResponse><Bucket>shopify-staged-uploads</Bucket><Key>${key}</Key></PostResponse>`);
  }
}

function signatureOf(key: string): string {
  return createHmac("sha256", SIGNING_SECRET).update(key).digest("hex");
}

function xmlError(response: ServerResponse, status: number, code: string, message: string): void {
  response.writeHead(status, { "Content-Type": "application/xml", Connection: "close" });
  response.end(`<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`);
}

type RefusalCode = "INVALID_MUTATION" | "INVALID_STAGED_UPLOAD_FILE" | "NO_SUCH_FILE" | "LIMIT_REACHED";
export type BulkMutationStart =
  { ok: true; document: DocumentNode; lines: Array<Record<string, unknown>> } | { ok: false; code: RefusalCode; message: string };

/** Checks a bulkOperationRunMutation request as Shopify does before it creates the operation. */
export function checkBulkMutation(shop: EmulatedShop, uploads: StagedUploads, mutation: string, stagedUploadPath: string): BulkMutationStart {
  let document: DocumentNode;
  try {
    document = parse(mutation);
  } catch (error) {
    return { ok: false, code: "INVALID_MUTATION", message: `Invalid mutation: ${(error as Error).message}` };
  }
  const operations = document.definitions.filter((definition) => definition.kind === Kind.OPERATION_DEFINITION);
  const operation = operations[0];
  if (operations.length !== 1 || operation?.operation !== "mutation" || operation.selectionSet.selections.length !== 1) {
    return { ok: false, code: "INVALID_MUTATION", message: "Bulk mutations must contain exactly one mutation field." };
  }
  const errors = validate(adminSchema(), document);
  if (errors.length > 0) return { ok: false, code: "INVALID_MUTATION", message: errors.map((error) => error.message).join("; ") };
  const running = [...shop.bulkOperations.values()].filter((op) => op.type === "MUTATION" && ["CREATED", "RUNNING", "CANCELING"].includes(op.status));
  if (running.length >= CONCURRENT_BULK_MUTATIONS)
    return { ok: false, code: "LIMIT_REACHED", message: "Bulk operations limit reached. Please try again later." };
  const file = uploads.file(shop, stagedUploadPath);
  if (!file) return { ok: false, code: "NO_SUCH_FILE", message: `The JSONL file could not be found: ${stagedUploadPath}` };
  const lines: Array<Record<string, unknown>> = [];
  for (const text of file.toString("utf8").split("\n")) {
    if (!text.trim()) continue;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return { ok: false, code: "INVALID_STAGED_UPLOAD_FILE", message: "Unexpected file structure - expected JSONL" };
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
      return { ok: false, code: "INVALID_STAGED_UPLOAD_FILE", message: "Unexpected file structure - expected JSONL" };
    }
    lines.push(value as Record<string, unknown>);
  }
  return { ok: true, document, lines };
}

/** Runs the mutation once per line, a slice at a time, writing the result lines; stops at a cancel. */
export async function runBulkMutationLines(
  operation: BulkOperationRecord,
  document: DocumentNode,
  lines: Array<Record<string, unknown>>,
  context: RequestContext,
  fieldResolver: GraphQLFieldResolver<unknown, RequestContext>,
  sliceDelayMs: () => number = () => 0,
): Promise<void> {
  operation.status = "RUNNING";
  for (const [lineNumber, variables] of lines.entries()) {
    if (isCanceling(operation)) return;
    const result = await execute({ schema: adminSchema(), document, variableValues: variables, contextValue: context, fieldResolver });
    const answer = result.errors?.length
      ? { errors: result.errors.map((error: GraphQLError) => ({ message: error.message })), __lineNumber: lineNumber }
      : { data: result.data, __lineNumber: lineNumber };
    operation.lines.push(JSON.stringify(answer));
    operation.objectCount++;
    operation.rootObjectCount++;
    if (lineNumber % LINES_PER_SLICE === LINES_PER_SLICE - 1) {
      const delay = sliceDelayMs();
      await new Promise((resolve) => (delay > 0 ? setTimeout(resolve, delay) : setImmediate(resolve)));
    }
  }
}

/** Whether a bulkOperationCancel has come in (it changes the status while the lines run). */
function isCanceling(operation: BulkOperationRecord): boolean {
  return operation.status === "CANCELING";
}
