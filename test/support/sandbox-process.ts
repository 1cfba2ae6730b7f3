/** `npm run sandbox` as a child process, exactly as a newcomer starts it. */
import type { Environment } from "../../app/services/config/environment";
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export interface SandboxProcess {
  url: string;
  child: ChildProcess;
  output(): string;
  /** Ctrl-C, as a person stops it; resolves once every process writing to its output has ended. */
  interrupt(): Promise<void>;
}

export async function startSandbox(env: Environment, timeoutMs = 300_000): Promise<SandboxProcess> {
  const childEnv = { ...process.env, ...env };
  delete childEnv.DATABASE_URL;
  // A process group of its own, like a terminal gives a command.
  const child = spawn("npm", ["run", "sandbox"], { cwd: root, env: childEnv, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const outputClosed = new Promise<void>((resolve) => child.stdout?.once("close", () => resolve()));
  const deadline = Date.now() + timeoutMs;
  let url: string | undefined;
  while (!url) {
    url = output.match(/Ponte sandbox is ready: (\S+)/)?.[1];
    if (child.exitCode !== null) throw new Error(`the sandbox exited before it was ready:\n${output}`);
    if (Date.now() > deadline) throw new Error(`the sandbox was not ready within ${timeoutMs / 1000} s:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    url,
    child,
    output: () => output,
    async interrupt() {
      // Ctrl-C in a terminal signals the whole foreground process group.
      if (child.exitCode === null) process.kill(-child.pid!, "SIGINT");
      await outputClosed;
    },
  };
}
