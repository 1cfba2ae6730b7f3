/**
 * Turns a PostgreSQL URL into the separate fields pg and the Prisma adapter
 * take. STACK.md: given a connection string, the adapter's shadow database is
 * not kept separate, so everything passes fields.
 */
export interface PoolConfig {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export function poolConfigFromUrl(url: string): PoolConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error("DATABASE_URL is not a valid URL (expected postgresql://user:password@host:port/database)");
  }
  if (parsed.protocol !== "postgresql:" && parsed.protocol !== "postgres:") {
    throw new Error(`DATABASE_URL must be a postgresql:// URL, got ${parsed.protocol}//`);
  }
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, ""));
  if (!database) throw new Error("DATABASE_URL names no database");
  return {
    // `?host=/a/folder`: PostgreSQL's Unix socket in that folder (libpq's and Prisma's way of writing it); pg takes a
    // host that starts with "/" as that folder.
    host: parsed.searchParams.get("host") || parsed.hostname || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

export function urlFromPoolConfig(config: PoolConfig): string {
  const auth = `${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}`;
  const database = encodeURIComponent(config.database);
  if (config.host.startsWith("/")) return `postgresql://${auth}@localhost:${config.port}/${database}?host=${encodeURIComponent(config.host)}`;
  return `postgresql://${auth}@${config.host}:${config.port}/${database}`;
}

/** The URL with its password hidden, for logs and the dashboard. */
export function redactedUrl(url: string): string {
  const config = poolConfigFromUrl(url);
  if (config.host.startsWith("/")) return `postgresql://${config.user}:***@localhost:${config.port}/${config.database}?host=${config.host}`;
  return `postgresql://${config.user}:***@${config.host}:${config.port}/${config.database}`;
}
