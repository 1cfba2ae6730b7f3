import { describe, expect, it } from "vitest";
import { poolConfigFromUrl, redactedUrl, urlFromPoolConfig } from "../../app/services/database/connection-settings";

describe("database connection settings", () => {
  it("splits a PostgreSQL URL into the fields pg takes, decoding escapes", () => {
    expect(poolConfigFromUrl("postgresql://ponte:p%40ss%2Fword@db.example:6543/ponte_prod")).toEqual({
      host: "db.example",
      port: 6543,
      user: "ponte",
      password: "p@ss/word",
      database: "ponte_prod",
    });
  });

  it("defaults the port to 5432 and accepts postgres://", () => {
    expect(poolConfigFromUrl("postgres://u:p@localhost/x").port).toBe(5432);
  });

  it("round-trips through urlFromPoolConfig", () => {
    const config = { host: "127.0.0.1", port: 5433, user: "a b", password: "x:y@z", database: "d" };
    expect(poolConfigFromUrl(urlFromPoolConfig(config))).toEqual(config);
  });

  it("reads a Unix socket's folder from ?host= (libpq's and Prisma's way) and writes it back the same way", () => {
    const config = { host: "/var/lib/ponte/cluster", port: 5433, user: "ponte", password: "pw", database: "ponte" };
    const url = urlFromPoolConfig(config);
    expect(url).toBe("postgresql://ponte:pw@localhost:5433/ponte?host=%2Fvar%2Flib%2Fponte%2Fcluster");
    expect(poolConfigFromUrl(url)).toEqual(config);
    expect(poolConfigFromUrl("postgresql://u:p@localhost/d?host=/run/postgresql").host).toBe("/run/postgresql");
  });

  it("rejects what is not a PostgreSQL URL with a clear message", () => {
    expect(() => poolConfigFromUrl("not a url")).toThrow(/not a valid URL/);
    expect(() => poolConfigFromUrl("mysql://u:p@h/d")).toThrow(/must be a postgresql:\/\/ URL/);
    expect(() => poolConfigFromUrl("postgresql://u:p@h/")).toThrow(/names no database/);
  });

  it("hides the password when shown", () => {
    const shown = redactedUrl("postgresql://ponte:s3cret@h:1/d");
    expect(shown).not.toContain("s3cret");
    expect(shown).toBe("postgresql://ponte:***@h:1/d");
    expect(redactedUrl("postgresql://ponte:s3cret@localhost:1/d?host=%2Fsrv%2Fcluster")).toBe(
      "postgresql://ponte:***@localhost:1/d?host=/srv/cluster",
    );
  });
});
