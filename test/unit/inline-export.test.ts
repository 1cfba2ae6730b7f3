// GIVEN the drain's inline exporter, with an export and a queue that record what they were asked
// WHEN orders come while the ERP answers, fails once, is found down, and after the batch's time is spent
// THEN an order is exported at once when it can be; otherwise it is queued for its job, and a shop whose ERP is down
//      has its orders queued without being tried until the pause is over
import { describe, expect, it } from "vitest";
import { ErpUnavailableError } from "../../app/services/erp/erp-connector";
import { shopDomain } from "../../app/services/ids";
import { inlineExporter } from "../../app/services/sync/orders/inline-export.server";

const italia = shopDomain("italia.myshopify.com");
const polska = shopDomain("polska.myshopify.com");

function harness(fail: (shop: string, orderId: string) => Error | null) {
  let clock = 1_000;
  const tried: string[] = [];
  const queued: string[] = [];
  const exporter = inlineExporter({
    exportNow: async (shop, orderId) => {
      tried.push(`${shop}:${orderId}`);
      const error = fail(shop, orderId);
      if (error) throw error;
    },
    queue: async (shop, orderId) => void queued.push(`${shop}:${orderId}`),
    unavailableForMs: 30_000,
    now: () => clock,
  });
  return { exporter, tried, queued, advance: (ms: number) => (clock += ms), deadline: () => clock + 20_000 };
}

describe("the drain's inline export", () => {
  it("exports at once, and queues for the job what failed for any reason", async () => {
    const { exporter, tried, queued, deadline } = harness((_shop, orderId) => (orderId === "2" ? new Error("a refused article") : null));
    expect(await exporter(italia, "1", deadline())).toBe("exported");
    expect(await exporter(italia, "2", deadline())).toBe("queued");
    expect(await exporter(italia, "3", deadline())).toBe("exported");
    expect(tried).toEqual(["italia.myshopify.com:1", "italia.myshopify.com:2", "italia.myshopify.com:3"]);
    expect(queued).toEqual(["italia.myshopify.com:2"]);
  });

  it("queues without trying every order of a shop whose ERP was just found down, other shops going on, until the pause ends", async () => {
    let down = true;
    const { exporter, tried, queued, advance, deadline } = harness((shop) =>
      down && shop === italia ? new ErpUnavailableError("ERP answered 503") : null,
    );
    expect(await exporter(italia, "1", deadline())).toBe("queued");
    expect(await exporter(italia, "2", deadline())).toBe("queued");
    expect(await exporter(polska, "9", deadline())).toBe("exported");
    expect(tried).toEqual(["italia.myshopify.com:1", "polska.myshopify.com:9"]);
    advance(30_001);
    down = false;
    expect(await exporter(italia, "3", deadline())).toBe("exported");
    expect(queued).toEqual(["italia.myshopify.com:1", "italia.myshopify.com:2"]);
  });

  it("queues what is left once the batch's time is spent", async () => {
    const { exporter, tried, queued, advance } = harness(() => null);
    const deadline = 1_000 + 5_000;
    expect(await exporter(italia, "1", deadline)).toBe("exported");
    advance(5_000);
    expect(await exporter(italia, "2", deadline)).toBe("queued");
    expect(tried).toEqual(["italia.myshopify.com:1"]);
    expect(queued).toEqual(["italia.myshopify.com:2"]);
  });
});
