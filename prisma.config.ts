// Prisma CLI configuration that works offline (see STACK.md): the JS engine
// with the pg driver adapter, so no native engine is ever downloaded.
import { defineConfig } from "prisma/config";
import { PrismaPg } from "@prisma/adapter-pg";
import { poolConfigFromUrl } from "./app/services/database/connection-settings";

export default defineConfig({
  engine: "js",
  experimental: { adapter: true },
  schema: "prisma/schema.prisma",
  async adapter() {
    const url = process.env.DATABASE_URL;
    if (!url) {
      throw new Error("DATABASE_URL is not set: run migrations through `npm run db:migrate`, which starts the embedded PostgreSQL when it is unset.");
    }
    return new PrismaPg(poolConfigFromUrl(url));
  },
});
