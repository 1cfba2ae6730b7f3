/** `npm run db:migrate`: applies the committed migrations and the job store's schema. */
import { loadDotEnv } from "../app/services/config/dot-env.server";
import { locateDatabase } from "../app/services/database/database-location.server";
import { prepareDatabase } from "../app/services/database/prepare-database.server";

loadDotEnv();

const log = (line: string) => console.log(`[migrate] ${line}`);
const database = await locateDatabase(process.env, log);
try {
  await prepareDatabase({ databaseUrl: database.url, mongodbUrl: process.env.MONGODB_URL || undefined }, log);
} finally {
  await database.release();
}
