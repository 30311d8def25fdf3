/**
 * A request's time split into named parts, sent as a Server-Timing header
 * (`parse;dur=0.4, validate;dur=1.2, …, total;dur=3.1`; https://www.w3.org/TR/server-timing/).
 * Each mark(part) adds the time since the previous mark to that part, so the parts add up to
 * the total and nothing is counted twice.
 */
export class ServerTiming {
  private last: number;
  private readonly parts = new Map<string, number>();

  /** `started`: when the request's handling began (performance.now()), if before this clock was made. */
  constructor(private readonly started = performance.now()) {
    this.last = started;
  }

  mark(part: string): void {
    const now = performance.now();
    this.parts.set(part, (this.parts.get(part) ?? 0) + (now - this.last));
    this.last = now;
  }

  /** The header's value; `total` runs from construction to now. */
  header(): string {
    const entries = [...this.parts, ["total", performance.now() - this.started] as const];
    return entries.map(([name, ms]) => `${name};dur=${ms.toFixed(2)}`).join(", ");
  }
}

/** `parse;dur=0.4, total;dur=3.1` back to `{ parse: 0.4, total: 3.1 }` (the load test reads it). */
export function parseServerTiming(header: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const entry of (header ?? "").split(",")) {
    const [name, ...params] = entry.trim().split(";");
    const dur = params.map((p) => p.trim()).find((p) => p.startsWith("dur="));
    if (name && dur) out[name] = Number(dur.slice(4));
  }
  return out;
}
