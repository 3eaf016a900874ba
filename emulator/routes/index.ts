import type { Profile } from "../profiles/profile";
import { Router } from "../router";
import { testEndpointRoutes } from "./test-endpoints";

/** Every API endpoint of the profile, relative to `/v1/convai`. */
export function apiRouter(profile: Profile): Router {
  const router = new Router();
  profile.routes(router);
  return router;
}

/** The test-only endpoints, relative to `/_emulator`. */
export function testRouter(): Router {
  const router = new Router();
  testEndpointRoutes(router);
  return router;
}
