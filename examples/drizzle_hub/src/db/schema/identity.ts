import { boolean, index, pgTable, text, timestamp, unique, uniqueIndex } from "drizzle-orm/pg-core";
import { commonCols } from "./common";

export const accounts = pgTable("accounts", {
  ...commonCols,
  email: text().notNull().unique(),
  displayName: text().$type<string | null>().notNull(), // defect: annotation says nullable, column is NOT NULL
  accessLevel: text().notNull().default("user"),
});

export const organizations = pgTable(
  "organizations",
  {
    ...commonCols,
    slug: text(),
    ownerId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "restrict" }),
  },
  (t) => [
    unique("organizations_owner_slug_uq").on(t.ownerId, t.slug), // defect: unique over a nullable column (slug)
  ],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    ...commonCols,
    accountId: text()
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    keyHash: text().notNull(),
    enabled: boolean().notNull().default(true),
    expiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [uniqueIndex("api_keys_key_hash_uidx").on(t.keyHash), index("api_keys_account_idx").on(t.accountId)],
);

export const clients = pgTable("clients", {
  ...commonCols,
  name: text().notNull(),
  clientSecret: text().notNull(), // defect: a secret stored in plaintext
});

export const auditLogs = pgTable("audit_logs", {
  ...commonCols,
  ownerId: text()
    .notNull()
    .references(() => accounts.id, { onDelete: "set null" }), // defect: SET NULL on a NOT NULL column
  action: text().notNull(),
  details: jsonb(),
});
