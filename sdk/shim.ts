/**
 * The serialized `__provider` of every resource. It must stay tiny and stable (#6238: when a
 * diff reports no change, state keeps the old provider code), so it holds no logic and captures
 * only the kind string: its `configure`, which the dynamic-provider host calls once per
 * deserialized provider before any other method, requires the runtime BY PACKAGE NAME and lets
 * it attach check/diff/create/read/update/delete to this object.
 *
 * Why not one arrow function per method: the closure serializer of @pulumi/pulumi 3.260 wraps
 * every function in ~200 bytes of scaffolding, so seven methods serialize to ~2.3 KB; one method
 * serializes to ~400 bytes. One object per kind, created at module load: the serialization cache
 * is keyed by identity (#6704).
 */
import type { dynamic } from "@pulumi/pulumi";
import type { ResourceKind } from "../provider/models/spec";

function shimFor(kind: ResourceKind): dynamic.ResourceProvider {
  const shim = {
    kind,
    async configure(req: dynamic.ConfigureRequest) {
      require("pulumi-elevenlabs/provider").attach(this, req.config);
    },
  };
  // check/diff/create/read/update/delete are attached by the runtime in `configure`.
  return shim as unknown as dynamic.ResourceProvider;
}

export const providers: Record<ResourceKind, dynamic.ResourceProvider> = {
  Agent: shimFor("Agent"),
  Tool: shimFor("Tool"),
  KnowledgeBaseDocument: shimFor("KnowledgeBaseDocument"),
  AgentKnowledgeBaseIndex: shimFor("AgentKnowledgeBaseIndex"),
  PhoneNumber: shimFor("PhoneNumber"),
  Widget: shimFor("Widget"),
  WorkspaceSecret: shimFor("WorkspaceSecret"),
  WorkspaceSettings: shimFor("WorkspaceSettings"),
  ConversationSmokeTest: shimFor("ConversationSmokeTest"),
};
