export * from "./agents";
export * from "./conversations";
