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
    host: parsed.hostname || "localhost",
    port: parsed.port ? Number(parsed.port) : 5432,
    user: decodeURIComponent(parsed.username),
    password: decodeURIComponent(parsed.password),
    database,
  };
}

export function urlFromPoolConfig(config: PoolConfig): string {
  const auth = `${encodeURIComponent(config.user)}:${encodeURIComponent(config.password)}`;
  return `postgresql://${auth}@${config.host}:${config.port}/${encodeURIComponent(config.database)}`;
}

/** The URL with its password hidden, for logs and the dashboard. */
export function redactedUrl(url: string): string {
  const config = poolConfigFromUrl(url);
  return `postgresql://${config.user}:***@${config.host}:${config.port}/${config.database}`;
}
