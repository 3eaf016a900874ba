export * from "../../support/shop-agent";
