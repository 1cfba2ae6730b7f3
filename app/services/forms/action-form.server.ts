/**
 * An admin page's form post, read at the edge: its fields as one object,
 * checked against the page's schema of intents. null when the post is not
 * one the page knows (a stale page, a hand-made request): the page answers
 * "Unknown request" and nothing is done.
 */
import type { z } from "zod";

export async function readActionForm<S extends z.ZodTypeAny>(request: Request, schema: S): Promise<z.infer<S> | null> {
  const parsed = schema.safeParse(Object.fromEntries(await request.formData()));
  return parsed.success ? (parsed.data as z.infer<S>) : null;
}
