/**
 * Shopify's leaky bucket for one app on one shop: it holds up to
 * `maximumAvailable` points and refills at `restoreRate` points a second. A
 * query runs only if the bucket holds its requested cost; afterwards the
 * difference between requested and actual cost is given back.
 */
export interface BucketSettings {
  maximumAvailable: number;
  restoreRate: number;
}

/** Shopify's Standard plan: 100 points a second, a bucket of 20 seconds' worth. */
export const STANDARD_PLAN_BUCKET: BucketSettings = { maximumAvailable: 2000, restoreRate: 100 };

export class LeakyBucket {
  private available: number;
  private updatedAt: number;
  /** The lowest level the bucket ever reached; never below 0. */
  lowestAvailable: number;

  constructor(
    public settings: BucketSettings,
    private readonly clock: () => number = () => Date.now(),
  ) {
    this.available = settings.maximumAvailable;
    this.updatedAt = clock();
    this.lowestAvailable = this.available;
  }

  currentlyAvailable(): number {
    const now = this.clock();
    this.available = Math.min(this.settings.maximumAvailable, this.available + ((now - this.updatedAt) / 1000) * this.settings.restoreRate);
    this.updatedAt = now;
    return this.available;
  }

  /** Takes the cost if the bucket holds it; false (and nothing taken) otherwise. */
  take(cost: number): boolean {
    if (this.currentlyAvailable() < cost) return false;
    this.available -= cost;
    this.lowestAvailable = Math.min(this.lowestAvailable, this.available);
    return true;
  }

  refund(points: number): void {
    this.currentlyAvailable();
    this.available = Math.min(this.settings.maximumAvailable, this.available + Math.max(0, points));
  }

  drain(): void {
    this.currentlyAvailable();
    this.available = 0;
    this.lowestAvailable = 0;
  }

  status() {
    return {
      maximumAvailable: this.settings.maximumAvailable,
      currentlyAvailable: Math.floor(this.currentlyAvailable()),
      restoreRate: this.settings.restoreRate,
    };
  }
}
