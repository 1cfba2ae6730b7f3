/** Plain SQL against a test database, for checks the app's own code must not be trusted with. */
import pg from "pg";
import { poolConfigFromUrl } from "../../app/services/database/connection-settings";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function queryRows(url: string, sql: string): Promise<any[]> {
  const client = new pg.Client(poolConfigFromUrl(url));
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}
