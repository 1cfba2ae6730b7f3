/**
 * Bulk mutations, as Shopify's bulk import guide lays them out: the mutation's
 * variables, one JSON line per call, are written to a file on disk (never held
 * whole in memory), streamed to a staged upload target, and run by
 * `bulkOperationRunMutation`; its result file is read back a line at a time.
 *
 * A file stays under Shopify's size limit for one upload (20 MB): the writer
 * says when the next line would not fit, and the caller runs what it has.
 * One operation runs at a time for a piece of work, so a checkpoint can be
 * kept after each (the caller's).
 */
import { createReadStream } from "node:fs";
import { mkdtemp, open, rm, type FileHandle } from "node:fs/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { CancelledError, PermanentError, RefusedError, RetryableError, UnavailableError } from "../errors";
import { parseAnswer } from "../edges/parse-answer";
import { payloadOf, type AdminClient } from "./admin-client.server";
import { readJsonl, waitForBulkOperation, type BulkQueryOptions } from "./bulk-query.server";
import type { BulkOperationState } from "./graphql/bulk/get-bulk-operation";
import {
  CANCEL_BULK_OPERATION,
  CANCEL_BULK_OPERATION_COST,
  CREATE_BULK_UPLOAD,
  CREATE_BULK_UPLOAD_COST,
  RUN_BULK_MUTATION,
  RUN_BULK_MUTATION_COST,
} from "./graphql/bulk/run-bulk-mutation";

/** Shopify's limit on one bulk mutation's file: 20 MB (20,971,520 bytes, as Shopify's staff gave it). */
export const BULK_FILE_LIMIT_BYTES = 20 * 1024 * 1024;

/** A JSONL file of mutation variables being written, which never grows past its limit. */
export class BulkVariablesFile {
  private handle: FileHandle | null = null;
  private dir: string | null = null;
  private pending: string[] = [];
  private pendingBytes = 0;
  bytes = 0;
  lines = 0;

  constructor(readonly limitBytes: number = BULK_FILE_LIMIT_BYTES) {}

  /** The line for these variables, or null when one line alone would be over the limit. */
  lineOf(variables: unknown): string | null {
    const line = `${JSON.stringify(variables)}\n`;
    return Buffer.byteLength(line) > this.limitBytes ? null : line;
  }

  fits(line: string): boolean {
    return this.bytes + Buffer.byteLength(line) <= this.limitBytes;
  }

  async add(line: string): Promise<void> {
    const size = Buffer.byteLength(line);
    if (!this.fits(line)) throw new Error("a bulk variables line added past the file's limit");
    this.pending.push(line);
    this.pendingBytes += size;
    this.bytes += size;
    this.lines++;
    if (this.pendingBytes >= 256 * 1024) await this.flush();
  }

  /** The finished file on disk; the file is removed by `discard`. */
  async close(): Promise<{ path: string; bytes: number; lines: number }> {
    await this.flush();
    await this.handle?.close();
    this.handle = null;
    return { path: this.filePath(), bytes: this.bytes, lines: this.lines };
  }

  async discard(): Promise<void> {
    await this.handle?.close();
    this.handle = null;
    if (this.dir) await rm(this.dir, { recursive: true, force: true });
    this.dir = null;
  }

  private filePath(): string {
    return path.join(this.dir ?? "", "variables.jsonl");
  }

  private async flush(): Promise<void> {
    if (!this.dir) this.dir = await mkdtemp(path.join(tmpdir(), "ponte-bulk-"));
    if (!this.handle) this.handle = await open(this.filePath(), "a");
    if (this.pending.length > 0) await this.handle.write(this.pending.join(""));
    this.pending = [];
    this.pendingBytes = 0;
  }
}

export interface BulkMutationOptions extends BulkQueryOptions {
  /** Called between polls; a CancelledError from it cancels the operation (see runBulkMutation). */
  checkCancelled?: () => Promise<void>;
  /** Called once the operation has started, with its id, before it is waited for (to record it for a resume). */
  onStarted?: (operationId: string) => Promise<void>;
  /** Called at each poll with the lines Shopify has run so far (a run's progress). */
  onLinesDone?: (lines: number) => Promise<void>;
}

export interface BulkMutationOutcome {
  operationId: string;
  /** COMPLETED, or CANCELED after a cancel, or FAILED; the lines read are what Shopify did either way. */
  status: string;
  /** The result file (or the partial one), null when Shopify wrote none. */
  resultUrl: string | null;
  /** The cancel asked for while it ran (checkCancelled's error), to be thrown once what the operation did is read. */
  cancelled: CancelledError | null;
}

/**
 * Runs `mutation` once per line of the file: stages and uploads the file, starts the operation, and waits for it to
 * end. A cancel asked for while it runs (checkCancelled throws CancelledError) cancels the operation at Shopify and
 * waits until it has stopped, so what it did can still be read: the outcome says `cancelled`.
 */
export async function runBulkMutation(
  client: AdminClient,
  mutation: string,
  file: { path: string; bytes: number },
  options: BulkMutationOptions = {},
): Promise<BulkMutationOutcome> {
  const stagedUploadPath = await uploadVariables(client, file);
  const started = payloadOf(
    (await client.request(RUN_BULK_MUTATION, { mutation, stagedUploadPath, clientIdentifier: `ponte-${randomUUID()}` }, RUN_BULK_MUTATION_COST))
      .bulkOperationRunMutation,
    "bulkOperationRunMutation",
  );
  if (!started.bulkOperation) {
    const message = started.userErrors.map((error) => error.message).join("; ") || "no operation was made";
    const busy = started.userErrors.some((error) => error.code === "OPERATION_IN_PROGRESS" || error.code === "LIMIT_REACHED");
    throw busy
      ? new UnavailableError(`Shopify is running other bulk operations: ${message}`)
      : new RefusedError(`Shopify refused the bulk mutation: ${message}`, started.userErrors[0]?.code ?? undefined);
  }
  const operationId = started.bulkOperation.id;
  await options.onStarted?.(operationId);
  return awaitBulkMutation(client, operationId, options);
}

/** Waits for a bulk mutation already started (this run's, or one a stopped run left) to end; cancels it on request. */
export async function awaitBulkMutation(client: AdminClient, operationId: string, options: BulkMutationOptions = {}): Promise<BulkMutationOutcome> {
  let cancelled: CancelledError | null = null;
  const between = async (state: BulkOperationState) => {
    await options.onLinesDone?.(Number(state.objectCount));
    if (cancelled || !options.checkCancelled) return;
    try {
      await options.checkCancelled();
    } catch (error) {
      if (!(error instanceof CancelledError)) throw error;
      cancelled = error;
      await client.request(CANCEL_BULK_OPERATION, { id: operationId }, CANCEL_BULK_OPERATION_COST);
    }
  };
  const state: BulkOperationState = await waitForBulkOperation(client, operationId, { ...options, between });
  return { operationId, status: state.status, resultUrl: state.url ?? state.partialDataUrl ?? null, cancelled };
}

const resultLine = z.object({
  __lineNumber: z.number().int().nonnegative(),
  data: z.unknown().optional(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

export type BulkLineResult<T> = { lineNumber: number; ok: true; data: T } | { lineNumber: number; ok: false; errors: string[] };

/** Each line of a bulk mutation's result file: the mutation's data, read through `parseData`, or Shopify's errors for that line. */
export async function* readBulkMutationResults<T>(url: string, parseData: (data: unknown) => T): AsyncGenerator<BulkLineResult<T>> {
  for await (const line of readJsonl(url, (value) => parseAnswer(resultLine, value, "Shopify's bulk mutation result"))) {
    if (line.errors?.length || line.data === undefined || line.data === null) {
      yield { lineNumber: line.__lineNumber, ok: false, errors: line.errors?.map((error) => error.message) ?? ["Shopify wrote no result"] };
    } else yield { lineNumber: line.__lineNumber, ok: true, data: parseData(line.data) };
  }
}

/** Stages the file with Shopify and uploads it (a multipart form POST, the file streamed from disk); returns its staged path. */
async function uploadVariables(client: AdminClient, file: { path: string; bytes: number }): Promise<string> {
  const staged = payloadOf(
    (
      await client.request(
        CREATE_BULK_UPLOAD,
        { input: [{ resource: "BULK_MUTATION_VARIABLES", filename: "ponte-bulk.jsonl", mimeType: "text/jsonl", httpMethod: "POST" }] },
        CREATE_BULK_UPLOAD_COST,
      )
    ).stagedUploadsCreate,
    "stagedUploadsCreate",
  );
  const target = staged.stagedTargets?.[0];
  if (!target?.url || !target.parameters) {
    throw new PermanentError(`Shopify gave no upload target: ${staged.userErrors.map((error) => error.message).join("; ") || "none"}`);
  }
  const key = target.parameters.find((parameter) => parameter.name === "key")?.value;
  if (!key) throw new PermanentError("Shopify's upload target names no key");
  await postMultipart(target.url, target.parameters, file);
  return key;
}

function postMultipart(url: string, fields: ReadonlyArray<{ name: string; value: string }>, file: { path: string; bytes: number }): Promise<void> {
  const boundary = `----ponte-${randomUUID()}`;
  const head = Buffer.from(
    fields.map((field) => `--${boundary}\r\nContent-Disposition: form-data; name="${field.name}"\r\n\r\n${field.value}\r\n`).join("") +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="ponte-bulk.jsonl"\r\nContent-Type: text/jsonl\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const target = new URL(url);
  const send = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const request = send(
      target,
      {
        method: "POST",
        headers: { "Content-Type": `multipart/form-data; boundary=${boundary}`, "Content-Length": head.length + file.bytes + tail.length },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.length < 64 && chunks.push(chunk));
        response.on("end", () => {
          const status = response.statusCode ?? 0;
          if (status >= 200 && status < 300) return resolve();
          const body = Buffer.concat(chunks).toString("utf8");
          const code = /<Code>([^<]*)<\/Code>/.exec(body)?.[1] ?? "";
          const reason = `the staged upload answered HTTP ${status}${code ? ` ${code}` : ""}`;
          reject(status >= 500 ? new UnavailableError(reason) : new RefusedError(reason, code || undefined));
        });
        response.on("error", reject);
      },
    );
    request.on("error", (error) => reject(new RetryableError(`the staged upload failed: ${error.message}`, { cause: error })));
    request.write(head);
    const stream = createReadStream(file.path);
    stream.on("error", (error) => request.destroy(error));
    stream.on("end", () => request.end(tail));
    stream.pipe(request, { end: false });
  });
}

export interface BulkLineWriterOptions<T, R> extends BulkMutationOptions {
  fileLimitBytes?: number;
  /** Each item's answer, once its operation has ended (an item Shopify did not get to has ok: false with why). */
  onResult: (item: T, result: BulkLineResult<R>) => Promise<void>;
  /** After each operation's results are all read (for a checkpoint). */
  onOperationEnded?: (outcome: BulkMutationOutcome) => Promise<void>;
}

/**
 * Many calls of one mutation through bulk operations: items are added with their variables; when the next would take
 * the file past its limit, and at `finish`, the file runs as one operation and each item gets its answer. A cancel
 * during an operation is thrown once what it did has been handed out.
 */
export class BulkLineWriter<T, R> {
  private file: BulkVariablesFile;
  private items: T[] = [];

  constructor(
    private readonly client: AdminClient,
    private readonly mutation: string,
    private readonly parseData: (data: unknown) => R,
    private readonly options: BulkLineWriterOptions<T, R>,
  ) {
    this.file = new BulkVariablesFile(options.fileLimitBytes);
  }

  /** Queues the call; false when its variables alone are over a file's limit (it cannot go in bulk). */
  async add(item: T, variables: unknown): Promise<boolean> {
    const line = this.file.lineOf(variables);
    if (!line) return false;
    if (!this.file.fits(line)) await this.runFile();
    this.items.push(item);
    await this.file.add(line);
    return true;
  }

  /** Runs what is queued. */
  async finish(): Promise<void> {
    if (this.items.length > 0) await this.runFile();
  }

  async discard(): Promise<void> {
    await this.file.discard();
  }

  private async runFile(): Promise<void> {
    const items = this.items;
    const file = await this.file.close();
    let outcome: BulkMutationOutcome;
    try {
      outcome = await runBulkMutation(this.client, this.mutation, file, this.options);
    } finally {
      await this.file.discard();
      this.file = new BulkVariablesFile(this.options.fileLimitBytes);
      this.items = [];
    }
    const answered = new Set<number>();
    if (outcome.resultUrl) {
      for await (const line of readBulkMutationResults(outcome.resultUrl, this.parseData)) {
        const item = items[line.lineNumber];
        if (item === undefined) continue;
        answered.add(line.lineNumber);
        await this.options.onResult(item, line);
      }
    }
    for (const [lineNumber, item] of items.entries()) {
      if (!answered.has(lineNumber)) {
        await this.options.onResult(item, {
          lineNumber,
          ok: false,
          errors: [`Shopify did not run it (bulk operation ${outcome.status.toLowerCase()})`],
        });
      }
    }
    await this.options.onOperationEnded?.(outcome);
    if (outcome.cancelled) throw outcome.cancelled;
  }
}
