/**
 * Lighthouse (pinned 12.2.3: the last line that runs on Node 20) with its default mobile
 * settings (simulated slow 4G, 4x CPU slowdown, a Moto G-sized screen) on reader pages of a
 * running server, against Debian's Chromium.
 *
 *   tsx scripts/lighthouse.ts [base-url] [path...]      (default http://127.0.0.1:3000, / and the demo story)
 *   CHROME_PATH=/usr/bin/chromium (the default when it exists)
 *
 * Prints performance, Total Blocking Time, LCP, and the JavaScript and HTML transferred
 * (gzip, as sent), the figures the README's table reports. Each page is run `runs` times and
 * the median run (by performance score) is kept, since one run on a shared machine is noisy.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export type LighthouseFigures = { path: string; performance: number; tbtMs: number; lcpMs: number; jsBytes: number; htmlBytes: number; scripts: number };

type Report = {
  categories: { performance: { score: number } };
  audits: Record<string, { numericValue?: number; details?: { items?: { resourceType?: string; transferSize?: number; requestCount?: number }[] } }>;
};

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

function runOnce(url: string): LighthouseFigures {
  const dir = mkdtempSync(path.join(tmpdir(), "masthead-lh-"));
  const out = path.join(dir, "report.json");
  try {
    execFileSync(
      process.execPath,
      [path.join(root, "node_modules/lighthouse/cli/index.js"), url, "--only-categories=performance", "--output=json", `--output-path=${out}`, "--quiet", `--chrome-flags=--headless=new --no-sandbox --disable-gpu --user-data-dir=${dir}/profile`],
      { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, CHROME_PATH: process.env.CHROME_PATH ?? (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined) } },
    );
    const report = JSON.parse(readFileSync(out, "utf8")) as Report;
    const items = report.audits["resource-summary"]?.details?.items ?? [];
    const of = (type: string) => items.find((i) => i.resourceType === type);
    return {
      path: new URL(url).pathname,
      performance: Math.round(report.categories.performance.score * 100),
      tbtMs: Math.round(report.audits["total-blocking-time"]?.numericValue ?? 0),
      lcpMs: Math.round(report.audits["largest-contentful-paint"]?.numericValue ?? 0),
      jsBytes: of("script")?.transferSize ?? 0,
      htmlBytes: of("document")?.transferSize ?? 0,
      scripts: of("script")?.requestCount ?? 0,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * One run, tried again once when Lighthouse itself fails: on a loaded machine it sometimes loses
 * the trace of the page load ("NO_NAVSTART") and exits 1, which says nothing about the page.
 */
function runWithRetry(url: string): LighthouseFigures {
  try {
    return runOnce(url);
  } catch (error) {
    console.error(`Lighthouse failed on ${url}, trying once more: ${(error as Error).message.split("\n")[0]}`);
    return runOnce(url);
  }
}

/** The median of `runs` Lighthouse runs on each page. */
export function runLighthouse(base: string, paths: string[], runs = 3): LighthouseFigures[] {
  return paths.map((p) => {
    const all = Array.from({ length: runs }, () => runWithRetry(new URL(p, base).href)).sort((a, b) => a.performance - b.performance || b.lcpMs - a.lcpMs);
    return all[Math.floor(all.length / 2)]!;
  });
}

export function formatLighthouse(rows: LighthouseFigures[]): string {
  const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
  const lines = ["| page | performance | TBT | LCP | JS (gzip) | HTML (gzip) |", "|---|--:|--:|--:|--:|--:|"];
  for (const r of rows) lines.push(`| ${r.path} | ${r.performance} | ${r.tbtMs} ms | ${(r.lcpMs / 1000).toFixed(2)} s | ${kb(r.jsBytes)} (${r.scripts} files) | ${kb(r.htmlBytes)} |`);
  return lines.join("\n");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const [base = "http://127.0.0.1:3000", ...paths] = process.argv.slice(2);
  const rows = runLighthouse(base, paths.length ? paths : ["/", "/articles/syrian-insurgents-enter-aleppo"], Number(process.env.LIGHTHOUSE_RUNS ?? 3));
  console.log(`Lighthouse 12.2.3, mobile preset, ${base}`);
  console.log(formatLighthouse(rows));
}
