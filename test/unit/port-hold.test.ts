import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { holdPort, holdRequestedPorts } from "../../scripts/lib/port-hold";

const listen = (port: number) =>
  new Promise<() => Promise<void>>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve(() => new Promise((done) => server.close(() => done()))));
  });

describe("sandbox port holds", () => {
  it("keeps a port asked for from anyone else until it is released", async () => {
    const hold = await holdPort("127.0.0.1", 0);
    expect(hold.port).toBeGreaterThan(0);
    await expect(listen(hold.port)).rejects.toThrow(/EADDRINUSE/);
    await hold.release();
    const close = await listen(hold.port);
    await close();
  });

  it("holds nothing for 'any port' and names the port in use when one asked for is taken", async () => {
    const taken = await holdPort("127.0.0.1", 0);
    await expect(holdRequestedPorts("127.0.0.1", { shopify: 0, erp: taken.port })).rejects.toThrow(`port ${taken.port} asked for by erp is in use`);
    const holds = await holdRequestedPorts("127.0.0.1", { shopify: 0 });
    expect(holds.shopify).toBeUndefined();
    await taken.release();
  });
});
