/**
 * Ponte's picture of one shop's Admin API bucket, kept from the
 * throttleStatus of every answer. A request waits until the bucket holds its
 * expected cost (only for the points that are missing), then runs; requests
 * for one shop run one at a time, so the picture is never stale by another
 * request in flight. Each shop has its own throttle: one busy shop never
 * slows another.
 */
import type { ShopDomain } from "../ids";
export interface ThrottleStatus {
  maximumAvailable: number;
  currentlyAvailable: number;
  restoreRate: number;
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** Until Shopify tells us otherwise: the smallest plan's figures. */
const ASSUMED_STATUS: ThrottleStatus = { maximumAvailable: 1000, currentlyAvailable: 1000, restoreRate: 50 };

export class ShopThrottle {
  private status: ThrottleStatus = { ...ASSUMED_STATUS };
  private observedAt: number;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly clock: Clock = realClock) {
    this.observedAt = clock.now();
  }

  /** Points available now, by our estimate. */
  available(): number {
    const elapsed = (this.clock.now() - this.observedAt) / 1000;
    return Math.min(this.status.maximumAvailable, this.status.currentlyAvailable + elapsed * this.status.restoreRate);
  }

  /**
   * Runs `request` once the bucket holds its cost, asked for when its turn
   * comes (by then an earlier answer may have taught us the real cost). The
   * request reports Shopify's throttleStatus through `observe`.
   */
  run<T>(costNow: () => number, request: () => Promise<T>): Promise<T> {
    const turn = this.queue.then(async () => {
      const cost = costNow();
      const wait = this.waitFor(cost);
      if (wait > 0) await this.clock.sleep(wait);
      this.settle(this.available() - Math.min(cost, this.status.maximumAvailable));
      return request();
    });
    this.queue = turn.then(
      () => {},
      () => {},
    );
    return turn;
  }

  /** Takes Shopify's own figures from an answer. */
  observe(status: ThrottleStatus): void {
    this.status = { ...status };
    this.observedAt = this.clock.now();
  }

  /** How long until `cost` points are there. */
  waitFor(cost: number): number {
    const missing = Math.min(cost, this.status.maximumAvailable) - this.available();
    return missing > 0 ? Math.ceil((missing / this.status.restoreRate) * 1000) : 0;
  }

  private settle(currentlyAvailable: number): void {
    this.status = { ...this.status, currentlyAvailable: Math.max(0, Math.min(this.status.maximumAvailable, currentlyAvailable)) };
    this.observedAt = this.clock.now();
  }
}

const throttles = new Map<string, ShopThrottle>();

/** The throttle of one shop, shared by every client of this process. */
export function throttleFor(shop: ShopDomain): ShopThrottle {
  let throttle = throttles.get(shop);
  if (!throttle) throttles.set(shop, (throttle = new ShopThrottle()));
  return throttle;
}
