import { index, integer, json, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { commonCols } from "./common";
import { accounts } from "./identity";

export const sessions = pgTable("sessions", {
  ...commonCols,
  accountId: text()
    .notNull()
    .references(() => accounts.id, { onDelete: "set null" }), // defect: SET NULL on a NOT NULL column
  title: text(),
  status: text().notNull().default("active"), // defect: free-text status, no enum or check
});

export const messages = pgTable(
  "messages",
  {
    ...commonCols,
    sessionId: text()
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    role: text().notNull(),
  },
  (t) => [index("messages_session_created_idx").on(t.sessionId, t.createdAt)],
);

export const parts = pgTable("parts", {
  id: text().primaryKey(),
  messageId: text()
    .notNull()
    .references(() => messages.id, { onDelete: "cascade" }), // defect: FK without an index
  position: integer().notNull(),
  data: json().notNull(), // defect: json, not jsonb
  createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(), // defect: never updated ($onUpdate missing)
});
