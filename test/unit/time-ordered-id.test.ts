// GIVEN ids made for the webhook inbox's rows
// WHEN many are made, over time and within one millisecond
// THEN each is a well-formed UUID version 7 whose first 48 bits are its milliseconds, so ids sort by when they were made
import { describe, expect, it } from "vitest";
import { timeOrderedUuid } from "../../app/services/database/time-ordered-id";

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("time-ordered ids", () => {
  it("are UUIDs of version 7 and variant 10, carrying their milliseconds in the first 48 bits", () => {
    const at = Date.UTC(2026, 11, 4, 5, 6, 7, 890);
    const id = timeOrderedUuid(at);
    expect(id).toMatch(UUID_V7);
    expect(parseInt(id.replace(/-/g, "").slice(0, 12), 16)).toBe(at);
    // RFC 9562's own example of a version 7 id's time field: 2022-02-22 19:22:22 UTC is 0x017F22E279B0.
    expect(timeOrderedUuid(Date.UTC(2022, 1, 22, 19, 22, 22)).slice(0, 13)).toBe("017f22e2-79b0");
  });

  it("sort by when they were made, and are never the same twice within one millisecond", () => {
    const start = Date.UTC(2026, 0, 1);
    const made = Array.from({ length: 2_000 }, (_, i) => timeOrderedUuid(start + Math.floor(i / 100)));
    expect(new Set(made).size).toBe(made.length);
    for (let i = 100; i < made.length; i += 100) expect(made[i - 1]!.slice(0, 13) < made[i]!.slice(0, 13)).toBe(true);
    expect([...made].sort().map((id) => id.slice(0, 13))).toEqual(made.map((id) => id.slice(0, 13)));
  });
});
