// GIVEN the inbox drain hearing the webhook door's wake-ups, each saying how many deliveries it stands for
// WHEN deliveries come faster than the hold's rate, for a while or for long, then slow down
// THEN the drain waits while they come fast, for at most the longest hold, and goes on as soon as they slow
import { describe, expect, it } from "vitest";
import { burstHold, deliveriesOfWakeup } from "../../app/services/webhooks/inbox-burst-hold";

/** Wake-ups every 20 ms from `from` to `to` (ms), each for `each` deliveries. */
function hear(hold: ReturnType<typeof burstHold>, from: number, to: number, each: number) {
  for (let at = from; at < to; at += 20) hold.heard(each, at);
}

describe("the drain's hold for a burst of deliveries", () => {
  it("goes on at once while deliveries come slower than its rate", () => {
    const hold = burstHold({ holdAboveRate: 200, maxHoldMs: 30_000 });
    hear(hold, 0, 1_000, 3); // 150 a second
    expect(hold.waitMs(1_000)).toBe(0);
  });

  it("waits while they come faster, looking again every 100 ms at most, and goes on within a second of their slowing", () => {
    const hold = burstHold({ holdAboveRate: 200, maxHoldMs: 30_000 });
    hear(hold, 0, 5_000, 10); // 500 a second for 5 s
    expect(hold.waitMs(5_000)).toBe(100);
    hear(hold, 5_000, 6_000, 1); // 50 a second: the last second's rate falls below 200 by its end
    expect(hold.waitMs(6_000)).toBe(0);
  });

  it("sees a burst at its first wake-up, and no burst in one wake-up for a few deliveries", () => {
    const hold = burstHold({ holdAboveRate: 200, maxHoldMs: 30_000 });
    hold.heard(5, 0);
    expect(hold.waitMs(0)).toBe(0); // 5 in the shortest span (100 ms): 50 a second
    expect(hold.waitMs(150)).toBe(0);
    const flash = burstHold({ holdAboveRate: 200, maxHoldMs: 30_000 });
    flash.heard(20, 0); // the first 20 ms of 1,000 deliveries a second
    expect(flash.waitMs(0)).toBe(100);
  });

  it("holds for at most maxHoldMs of one burst, then drains however fast they still come, and holds anew for the next burst", () => {
    const hold = burstHold({ holdAboveRate: 200, maxHoldMs: 3_000 });
    hear(hold, 0, 1_000, 10);
    expect(hold.waitMs(1_000)).toBe(100);
    hear(hold, 1_000, 3_950, 10);
    expect(hold.waitMs(3_950)).toBe(50); // held since 1,000: 50 ms of the 3 s left
    hear(hold, 3_950, 10_000, 10);
    expect(hold.waitMs(10_000)).toBe(0);
    // The burst ends (a quiet second), another begins.
    expect(hold.waitMs(11_500)).toBe(0);
    hear(hold, 11_500, 12_500, 10);
    expect(hold.waitMs(12_500)).toBe(100);
  });

  it("never holds with a rate of 0", () => {
    const hold = burstHold({ holdAboveRate: 0, maxHoldMs: 30_000 });
    hear(hold, 0, 1_000, 100);
    expect(hold.waitMs(1_000)).toBe(0);
  });

  it("reads a wake-up's count of deliveries, and takes one that says none for one delivery", () => {
    expect(deliveriesOfWakeup("37")).toBe(37);
    for (const payload of [undefined, "", "0", "-4", "2.5", "many"]) expect(deliveriesOfWakeup(payload)).toBe(1);
  });
});
