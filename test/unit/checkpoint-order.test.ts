// GIVEN source product ids: numbers, numbers in text, UUIDs
// WHEN the checkpointed walks order them, in memory or in PostgreSQL by their key (byte order)
// THEN numbers compare as numbers, the order is the same either way, and a walk resumes strictly after its checkpoint
import { describe, expect, it } from "vitest";
import { afterCheckpoint, checkpointKey, inCheckpointOrder } from "../../app/services/catalog/checkpoint-order";

const ids = (list: string[]) => list.map((id) => ({ id }));

describe("the checkpointed walks' order", () => {
  it("compares numbers as numbers, inside text too", () => {
    expect(inCheckpointOrder(ids(["10", "9", "100", "1"])).map((p) => p.id)).toEqual(["1", "9", "10", "100"]);
    expect(inCheckpointOrder(ids(["tpl-10", "tpl-9", "tpl-10-2", "tpl-10-10"])).map((p) => p.id)).toEqual([
      "tpl-9",
      "tpl-10",
      "tpl-10-2",
      "tpl-10-10",
    ]);
  });

  it('is the byte order of the keys, which a COLLATE "C" column sorts the same way', () => {
    const list = ["prd-00000012-0000-4000-8000-000000000000", "prd-00000002-0000-4000-8000-000000000000", "7", "77", "a7", "A7"];
    const byKey = [...list].sort((a, b) => Buffer.compare(Buffer.from(checkpointKey(a)), Buffer.from(checkpointKey(b))));
    expect(inCheckpointOrder(ids(list)).map((p) => p.id)).toEqual(byKey);
  });

  it("resumes after the checkpoint, even one no longer offered", () => {
    const ordered = inCheckpointOrder(ids(["1", "2", "10", "11"]));
    expect(afterCheckpoint(ordered, "2").map((p) => p.id)).toEqual(["10", "11"]);
    expect(afterCheckpoint(ordered, "5").map((p) => p.id)).toEqual(["10", "11"]);
    expect(afterCheckpoint(ordered, null)).toHaveLength(4);
  });
});
