/** A short, stable digest of a text (trimmed) or of a JSON value, for comparing content without keeping it. */
import { createHash } from "node:crypto";

export const valueDigest = (value: unknown) => createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 32);

export const textDigest = (text: string) => valueDigest(text.trim());
