/**
 * A process's memory as Linux accounts it (/proc/<pid>/status): resident set now (VmRSS), its
 * peak (VmHWM), and the anonymous part of it (RssAnon: heap, arenas, buffers; the rest is mapped
 * files such as the node binary and native modules). Null fields where /proc has none (not Linux).
 */
import { readFileSync } from "node:fs";

export type ProcessMemory = { rssMB: number | null; peakMB: number | null; anonMB: number | null };

export function processMemory(pid: number): ProcessMemory {
  let status = "";
  try {
    status = readFileSync(`/proc/${pid}/status`, "utf8");
  } catch {
    return { rssMB: null, peakMB: null, anonMB: null };
  }
  const field = (name: string) => {
    const kb = new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(status)?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 102.4) / 10;
  };
  return { rssMB: field("VmRSS"), peakMB: field("VmHWM"), anonMB: field("RssAnon") };
}

export const fmtMemory = (m: ProcessMemory) => (m.rssMB === null ? "n/a" : `${m.rssMB} MB (anonymous ${m.anonMB} MB, peak ${m.peakMB} MB)`);
