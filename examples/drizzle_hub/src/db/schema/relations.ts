import { relations } from "drizzle-orm";
import { accounts } from "./identity";
import { messages, parts, sessions } from "./sessions";

export const accountsRelations = relations(accounts, ({ many }) => ({
  sessions: many(sessions),
}));

export const sessionsRelations = relations(sessions, ({ one, many }) => ({
  account: one(accounts, { fields: [sessions.accountId], references: [accounts.id] }),
  messages: many(messages),
}));

export const messagesRelations = relations(messages, ({ one, many }) => ({
  session: one(sessions, { fields: [messages.sessionId], references: [sessions.id] }),
  parts: many(parts),
}));

export const partsRelations = relations(parts, ({ one }) => ({
  message: one(messages, { fields: [parts.messageId], references: [messages.id] }),
}));
