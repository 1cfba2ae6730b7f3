/**
 * Every answer from outside (an ERP, the POS, Shopify) is read through a schema before use. An answer that does
 * not fit is a ContractViolationError naming who answered what, and where it did not fit; never a cast.
 */
import type { z } from "zod";
import { ContractViolationError } from "../errors";

export function parseAnswer<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const where = parsed.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(the answer)"}: ${issue.message}`)
    .join("; ");
  throw new ContractViolationError(`${what} answered something Ponte cannot read (${where})`, { cause: parsed.error });
}

/** A body's JSON, or a ContractViolationError when it is not JSON. */
export function parseJsonAnswer(text: string, what: string): unknown {
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ContractViolationError(`${what} answered something that is not JSON (${text.slice(0, 80)})`, { cause: error });
  }
}
