import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PgCluster } from "../../scripts/lib/pg-cluster";
import { startTestPgCluster } from "../../scripts/lib/pg-test-cluster";
import { PageCache } from "./page-cache";
import { purgePageCache, registerPageCache, registerPurgeBroadcast } from "./page-cache-hook";
import { coalesce, type PurgeBus, startPurgeBus } from "./purge-bus";

/** One app instance: its own page cache, HTTP server and purge bus (own connections). */
type Instance = { cache: PageCache; bus: PurgeBus; heard: number; get: (path: string) => Promise<Response>; server: Server };

let cluster: PgCluster;
const instances: Instance[] = [];

async function startInstance(url = cluster.url): Promise<Instance> {
  const cache = new PageCache({ ttlMs: 60_000 });
  const server = createServer((req, res) =>
    void cache.handle(req, res, (_rq, rs) => {
      rs.setHeader("cache-control", "s-maxage=60");
      rs.setHeader("content-type", "text/html");
      rs.end("<p>Aleppo</p>");
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const instance = { cache, server, heard: 0, get: (p: string) => fetch(base + p) } as Instance;
  instance.bus = await startPurgeBus({
    url,
    onRemotePurge: () => {
      instance.heard++;
      cache.purge();
    },
    log: () => {},
  });
  instances.push(instance);
  return instance;
}

async function until(check: () => boolean, ms = 5_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Both pages cached on both instances (a second GET is a HIT). */
async function warm(...all: Instance[]) {
  for (const i of all) {
    await (await i.get("/articles/aleppo")).text();
    expect((await i.get("/articles/aleppo")).headers.get("x-masthead-cache")).toBe("HIT");
  }
}

beforeAll(async () => {
  cluster = await startTestPgCluster({ migrate: false });
}, 60_000);

afterAll(async () => {
  registerPurgeBroadcast(null);
  for (const i of instances) {
    await i.bus.close();
    await new Promise((r) => i.server.close(r));
  }
  cluster?.stop();
});

describe("page-cache purges across instances (PostgreSQL LISTEN/NOTIFY)", () => {
  it("a purge on one instance empties the other's page cache, and is not echoed back", async () => {
    const a = await startInstance();
    const b = await startInstance();
    await warm(a, b);
    // Instance A is "this process": its cache and broadcast are what app code reaches.
    registerPageCache(a.cache);
    registerPurgeBroadcast(() => a.bus.publish());
    purgePageCache();
    expect(a.cache.size).toBe(0);
    await until(() => b.cache.size === 0);
    expect((await b.get("/articles/aleppo")).headers.get("x-masthead-cache")).toBe("MISS");
    expect(b.heard).toBe(1);
    expect(a.heard).toBe(0);
  });

  it("a local-only purge (asked for by another instance) stays on this instance", async () => {
    const [a, b] = instances as [Instance, Instance];
    await warm(a, b);
    const heard = b.heard;
    purgePageCache({ localOnly: true });
    expect(a.cache.size).toBe(0);
    // A broadcast sent after the local-only purge arrives after it would have: B hears only that.
    await a.bus.publish();
    await until(() => b.heard > heard);
    expect(b.heard).toBe(heard + 1);
  });

  it("a listener whose connection dies reconnects and purges, since it may have missed one", async () => {
    const [a, b] = instances as [Instance, Instance];
    await warm(a, b);
    const heard = [a.heard, b.heard];
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    const killed = await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN masthead_page_purge'`);
    await admin.end();
    expect(killed.rowCount).toBe(2);
    // The reconnect's own purge comes after LISTEN succeeded.
    await until(() => a.heard > heard[0]! && b.heard > heard[1]!);
    expect(b.cache.size).toBe(0);
    // Listening again: a purge from A reaches B.
    await warm(a, b);
    await a.bus.publish();
    await until(() => b.cache.size === 0);
    expect(b.cache.size).toBe(0);
  });
});

describe("a notification the database refused", () => {
  it("is sent again in the background, so the other instance still purges", async () => {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    try {
      // A role (not a superuser, which no limit binds) allowed one connection: the listener's.
      await admin.query(`CREATE ROLE purge_tester LOGIN CONNECTION LIMIT 1`);
      const a = await startInstance(cluster.url.replace("postgres@", "purge_tester@"));
      const b = await startInstance();
      await warm(a, b);
      const heard = b.heard;
      await a.bus.publish();
      // Refused ("too many connections for role"): nothing reached B yet.
      await new Promise((r) => setTimeout(r, 150));
      expect(b.heard).toBe(heard);
      expect(b.cache.size).toBeGreaterThan(0);
      await admin.query(`ALTER ROLE purge_tester CONNECTION LIMIT 5`);
      await until(() => b.heard > heard, 4_000);
      expect(b.cache.size).toBe(0);
    } finally {
      await admin.end();
    }
  });
});

describe("coalesce", () => {
  it("runs once for a burst, then once more for calls made while it ran", async () => {
    let runs = 0;
    let release!: () => void;
    const run = coalesce(() => {
      runs++;
      return new Promise<void>((r) => (release = r));
    });
    run();
    run();
    run();
    expect(runs).toBe(1);
    release();
    await until(() => runs === 2);
    release();
    await new Promise((r) => setTimeout(r, 20));
    expect(runs).toBe(2);
  });
});
