/**
 * Ids that sort by when they were made: UUID version 7 (RFC 9562, section
 * 5.7), the milliseconds since 1970 in the first 48 bits, then the version,
 * 74 random bits and the variant. A table that takes many rows a second under
 * such ids adds each to the right-hand end of its primary key's index, where a
 * random id (version 4) lands on any of its pages: at the webhook door's
 * rates, after each checkpoint, each insert then wrote a whole index page to
 * PostgreSQL's log (see recordWebhook).
 */
import { randomBytes } from "node:crypto";

/** A new UUID version 7, as text ("0190f6a4-…"), made at `now` (epoch milliseconds). */
export function timeOrderedUuid(now = Date.now()): string {
  const bytes = randomBytes(16);
  // 48 bits of milliseconds, big-endian: past 2^48 ms (the year 10889) it wraps, as the RFC allows.
  let ms = Math.floor(now);
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70; // version 7
  bytes[8] = (bytes[8]! & 0x3f) | 0x80; // variant 10
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
