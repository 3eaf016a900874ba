// Loopback throughput of the BUILT emulator (build first: npx tsc -p tsconfig.build.json).
// Rate limiting off, in-memory store; a fixed number of requests at a fixed concurrency.
// PROFILE=live measures the live profile (its create route and body, its GET shape).
import { Agent, request } from "undici";
import { startEmulator } from "../dist/emulator/index.js";

const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const COUNT = Number(process.env.COUNT ?? 20000);
const MAX_SECONDS = Number(process.env.MAX_SECONDS ?? 20);

const PROFILE = process.env.PROFILE ?? "seed";
/** Where each profile creates an agent, and with what. */
const CREATE = {
  seed: { path: "/agents", body: { name: "bench agent" } },
  live: { path: "/agents/create", body: { name: "bench agent", conversation_config: {} } },
}[PROFILE];

const emu = await startEmulator({ rateLimit: 0, profile: PROFILE });
const dispatcher = new Agent({ connections: CONCURRENCY, pipelining: 1 });
const headers = { "xi-api-key": emu.apiKey, "content-type": "application/json" };
const { agent_id } = await (
  await request(`${emu.baseUrl}${CREATE.path}`, {
    method: "POST",
    headers,
    body: JSON.stringify(CREATE.body),
    dispatcher,
  })
).body.json();

async function run(label, send) {
  let next = 0;
  let failures = 0;
  const latencies = [];
  const deadline = Date.now() + MAX_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < COUNT && Date.now() < deadline) {
        next++;
        const t0 = performance.now();
        const res = await send();
        await res.body.dump();
        if (res.statusCode !== 200) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const pct = (p) => latencies[Math.min(latencies.length - 1, Math.floor(latencies.length * p))].toFixed(2);
  return {
    route: label,
    requests: latencies.length,
    failures,
    "req/s": Math.round(latencies.length / seconds),
    "p50 ms": pct(0.5),
    "p99 ms": pct(0.99),
  };
}

const rows = [];
// Warm-up so the JIT and connection pool are not measured.
await run("warmup", () => request(`${emu.baseUrl}/agents/${agent_id}`, { headers, dispatcher }));
rows.push(
  await run("GET /agents/{agent_id}", () => request(`${emu.baseUrl}/agents/${agent_id}`, { headers, dispatcher })),
);
rows.push(
  await run(`POST ${CREATE.path}`, () =>
    request(`${emu.baseUrl}${CREATE.path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(CREATE.body),
      dispatcher,
    }),
  ),
);
console.log(
  `profile ${PROFILE}, concurrency ${CONCURRENCY}, up to ${COUNT} requests or ${MAX_SECONDS}s per route, node ${process.version}`,
);
console.table(rows);
await dispatcher.close();
await emu.close();
