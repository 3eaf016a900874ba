import { Router } from "../router";
import { agentRoutes } from "./agents";
import { conversationRoutes } from "./conversations";
import { knowledgeBaseRoutes } from "./knowledge-base";
import { phoneNumberRoutes } from "./phone-numbers";
import { testEndpointRoutes } from "./test-endpoints";
import { toolRoutes } from "./tools";
import { widgetRoutes } from "./widget";
import { workspaceRoutes } from "./workspace";

/** Every contract endpoint, relative to `/v1/convai`. */
export function apiRouter(): Router {
  const router = new Router();
  for (const register of [
    agentRoutes,
    conversationRoutes,
    toolRoutes,
    knowledgeBaseRoutes,
    phoneNumberRoutes,
    widgetRoutes,
    workspaceRoutes,
  ]) {
    register(router);
  }
  return router;
}

/** The test-only endpoints, relative to `/_emulator`. */
export function testRouter(): Router {
  const router = new Router();
  testEndpointRoutes(router);
  return router;
}
