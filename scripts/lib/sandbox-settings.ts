/**
 * The sandbox's own app identity, made once per sandbox data folder: an API
 * key, an API secret (the emulator signs session tokens with it) and an
 * encryption key. Sandbox-only values for a local stand-in app; kept with
 * mode 0600 beside the sandbox's data.
 */
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

const sandboxSettingsSchema = z.object({
  apiKey: z.string().min(1),
  apiSecret: z.string().min(16),
  encryptionKey: z.string().min(40),
});
export type SandboxIdentity = z.infer<typeof sandboxSettingsSchema>;

export function loadOrCreateSandboxIdentity(dataDir: string): SandboxIdentity {
  const file = path.join(dataDir, "sandbox-app.json");
  if (existsSync(file)) return sandboxSettingsSchema.parse(JSON.parse(readFileSync(file, "utf8")));
  const identity: SandboxIdentity = {
    apiKey: `sandbox${randomBytes(12).toString("hex")}`,
    apiSecret: randomBytes(32).toString("hex"),
    encryptionKey: randomBytes(32).toString("base64"),
  };
  writeFileSync(file, JSON.stringify(identity, null, 2), { mode: 0o600 });
  return identity;
}
