/**
 * Keeps a port that was asked for (PONTE_APP_PORT, PONTE_SHOPIFY_PORT…) bound
 * until the service meant for it starts. Without the hold, the database or an
 * emulator started on "any free port" can be handed the very port asked for,
 * and the service meant for it then fails with EADDRINUSE.
 */
import { createServer, type Server } from "node:net";

export interface PortHold {
  port: number;
  /** Frees the port; call right before the service meant for it binds it. */
  release(): Promise<void>;
}

/** Port 0 holds whatever free port the system gives; `port` then says which. */
export async function holdPort(host: string, port: number): Promise<PortHold> {
  const server: Server = createServer((socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const address = server.address();
  let released = false;
  return {
    port: typeof address === "object" && address ? address.port : port,
    release: () =>
      released
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            released = true;
            server.close(() => resolve());
          }),
  };
}

/** Holds each port given; 0 means "any port", and there is nothing to hold. */
export async function holdRequestedPorts<Name extends string>(host: string, ports: Record<Name, number>): Promise<Partial<Record<Name, PortHold>>> {
  const holds: Partial<Record<Name, PortHold>> = {};
  for (const name of Object.keys(ports) as Name[]) {
    const port = ports[name];
    if (!port) continue;
    try {
      holds[name] = await holdPort(host, port);
    } catch (error) {
      for (const hold of Object.values<PortHold | undefined>(holds)) await hold?.release();
      throw new Error(`port ${port} asked for by ${name} is in use (${(error as Error).message})`);
    }
  }
  return holds;
}
