/**
 * A flash sale's deliveries taken in first, processed right after. While
 * deliveries come in faster than `holdAboveRate` a second (heard from the
 * inbox's wake-ups, each carrying how many deliveries it stands for), the
 * drain holds back, so that the webhook door has the machine's cores for
 * answering Shopify; it goes on once the rate falls, or once it has held for
 * `maxHoldMs`, whichever comes first (then it drains however fast deliveries
 * still come, until the rate falls). Above the rate a worker drains, holding
 * costs the burst's orders no time on their way to the ERP: they would have
 * waited in the inbox anyway.
 *
 * On this project's 2-core machine a delivery stored, processed and exported
 * costs about 1.9 to 2.8 ms of CPU, the door's share of it (its process and its
 * insert) about 0.8 ms (bench/webhook-intake.ts): at 1,000 deliveries a second
 * the door and the drain together need more than two cores, the door alone
 * less than one.
 */

export interface BurstHoldSettings {
  /** Deliveries a second (over the last second) from which the drain holds back; 0: never. */
  holdAboveRate: number;
  /** The longest a burst holds the drain back. */
  maxHoldMs: number;
}

export const DEFAULT_BURST_HOLD: BurstHoldSettings = { holdAboveRate: 200, maxHoldMs: 30_000 };

/** How long the rate is measured over: the last second, or since the first wake-up heard in it, but never less than
 * a tenth of a second (so that a flash sale's burst is seen at its first wake-ups, before the drain claims anything,
 * and one wake-up for a few deliveries is no burst). */
const WINDOW_MS = 1_000;
const SHORTEST_SPAN_MS = 100;

export interface BurstHold {
  /** A wake-up heard: `deliveries` (1 or more, deliveriesOfWakeup) stored since the one before. */
  heard(deliveries: number, now?: number): void;
  /** How long the drain should wait now before claiming (0: go on). */
  waitMs(now?: number): number;
}

export function burstHold(settings: BurstHoldSettings): BurstHold {
  // The wake-ups of the last second: when, and how many deliveries each stands for.
  const wakeups: Array<{ at: number; deliveries: number }> = [];
  let inWindow = 0;
  let holdingSince: number | null = null;
  const forget = (now: number) => {
    while (wakeups.length > 0 && wakeups[0]!.at <= now - WINDOW_MS) inWindow -= wakeups.shift()!.deliveries;
  };
  return {
    heard(deliveries, now = Date.now()) {
      wakeups.push({ at: now, deliveries });
      inWindow += deliveries;
      forget(now);
    },
    waitMs(now = Date.now()) {
      forget(now);
      const span = wakeups.length > 0 ? Math.max(now - wakeups[0]!.at, SHORTEST_SPAN_MS) : WINDOW_MS;
      const ratePerSecond = (inWindow * 1_000) / span;
      if (settings.holdAboveRate <= 0 || ratePerSecond < settings.holdAboveRate) {
        holdingSince = null;
        return 0;
      }
      holdingSince ??= now;
      const left = holdingSince + settings.maxHoldMs - now;
      // Looked at again soon: the rate may fall at any moment.
      return left > 0 ? Math.min(left, 100) : 0;
    },
  };
}

/** A wake-up's payload (inboxWakeup's count of deliveries), as heard: 1 when it is empty or not a count. */
export function deliveriesOfWakeup(payload: string | undefined): number {
  const count = Number(payload);
  return Number.isSafeInteger(count) && count > 0 ? count : 1;
}
