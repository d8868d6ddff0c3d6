import { jsonb, text, timestamp } from "drizzle-orm/pg-core";

/** Columns every hub table starts from (the storage spec's `commonCols`). */
export const commonCols = {
  id: text().primaryKey().$defaultFn(() => crypto.randomUUID()),
  metadata: jsonb().$type<Record<string, unknown>>().notNull().default({}),
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow().$onUpdate(() => new Date()),
};
