export * from "./common";
export * from "./identity";
export * from "./sessions";
export * from "./relations";
