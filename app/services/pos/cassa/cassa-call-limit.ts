/**
 * Cassa in Cloud's call limit, kept on Ponte's side. Its docs allow about 360 calls per API in 10 minutes and do not
 * say how an over-limit call is answered. Ponte counts the calls to each API (the path's first part: /products,
 * /stocks/…, /categories, …) made with one key over the last 10 minutes (a sliding window: it keeps within a fixed
 * window too) and holds a call back until the oldest leaves the window. One count per key and API is shared by every
 * client in the process. PONTE_CASSA_CALLS_PER_WINDOW and PONTE_CASSA_WINDOW_SECONDS change the figures (an account
 * Cassa allows more, or a benchmark against the emulator with its limit raised).
 */
import { createHash } from "node:crypto";

export interface CallLimit {
  calls: number;
  windowMs: number;
}

export function cassaCallLimit(env: Record<string, string | undefined> = process.env): CallLimit {
  const calls = Number(env.PONTE_CASSA_CALLS_PER_WINDOW);
  const seconds = Number(env.PONTE_CASSA_WINDOW_SECONDS);
  return {
    calls: Number.isInteger(calls) && calls > 0 ? calls : 360,
    windowMs: (Number.isFinite(seconds) && seconds > 0 ? seconds : 600) * 1000,
  };
}

/**
 * The calls made to one API in the last window. A call counts from when it is sent until its answer arrives, and then
 * from the answer's time: Cassa counted it somewhere in between, so the window here never frees before Cassa's does.
 */
export class CallWindow {
  private times: number[] = [];

  constructor(readonly limit: CallLimit) {}

  /** How long a call must wait before it may go (0: now). */
  waitFor(now: number): number {
    this.times = this.times.filter((at) => at > now - this.limit.windowMs);
    return this.times.length < this.limit.calls ? 0 : Math.min(...this.times) + this.limit.windowMs - now;
  }

  /**
   * Counts a call sent now; call it right after waitFor answered 0, with nothing awaited between. The function it
   * returns moves the call's time to when its answer arrived.
   */
  take(now: number): (answeredAt: number) => void {
    this.times.push(now);
    return (answeredAt) => {
      // Found by its time (calls sent at the same moment are alike); a call longer than the window is counted again.
      const index = this.times.indexOf(now);
      if (index >= 0) this.times[index] = Math.max(now, answeredAt);
      else this.times.push(answeredAt);
    };
  }
}

const windows = new Map<string, CallWindow>();

/** The window of one key's calls to one API in this process (the key itself is not kept: its hash names it). */
export function callWindowFor(apiKey: string, api: string, limit: CallLimit): CallWindow {
  const name = `${createHash("sha256").update(apiKey).digest("hex")} ${api} ${limit.calls}/${limit.windowMs}`;
  let window = windows.get(name);
  if (!window) windows.set(name, (window = new CallWindow(limit)));
  return window;
}

/** The API a path calls: its first part (`/stocks/101?…` is `stocks`). */
export function apiOf(path: string): string {
  return path.split("?")[0]!.split("/").filter(Boolean)[0] ?? "";
}
