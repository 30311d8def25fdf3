import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");

/** Every source file of the app and its scripts (not generated code, not tests). */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return name === "generated" || name === "node_modules" ? [] : sourceFiles(file);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.ts$/.test(name) ? [file] : [];
  });
}

describe("the audit log is append-only", () => {
  it("no code in the app or its scripts updates or deletes an entry", () => {
    const files = ["app", "lib", "components", "scripts", "prisma"].flatMap((d) => sourceFiles(path.join(ROOT, d)));
    expect(files.length).toBeGreaterThan(50);
    const offenders: string[] = [];
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      const prismaWrite = /auditLog\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/.exec(text);
      const sqlWrite = /\b(UPDATE\s+"?AuditLog"?|DELETE\s+FROM\s+"?AuditLog"?)/i.exec(text);
      for (const m of [prismaWrite, sqlWrite]) if (m) offenders.push(`${path.relative(ROOT, file)}: ${m[0]}`);
    }
    // The one exception: redactAuditDetails, the takedown's redaction of a name from the details.
    expect(offenders).toEqual([`${path.join("lib", "data", "audit.ts")}: auditLog.update`]);
    const audit = readFileSync(path.join(ROOT, "lib/data/audit.ts"), "utf8");
    expect(audit.match(/auditLog\s*\.\s*(update|updateMany|upsert|delete|deleteMany)\b/g)).toEqual(["auditLog.update"]);
    expect(audit.slice(audit.indexOf("export async function redactAuditDetails"))).toContain("auditLog.update");
  });
});
