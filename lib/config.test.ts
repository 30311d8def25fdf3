import { describe, expect, it } from "vitest";
import { sessionSecretProblem } from "./config";

// The session secret's rule by engine (scripts/prepare.test.ts runs it in prepare.ts itself).
describe("sessionSecretProblem", () => {
  it("SQLite needs no setting: data/secret serves its one server", () => {
    expect(sessionSecretProblem({ DATABASE_URL: "file:/tmp/masthead.db" })).toBeNull();
    expect(sessionSecretProblem({})).toBeNull();
  });

  it("PostgreSQL needs NEXTAUTH_SECRET, the same on every instance", () => {
    for (const url of ["postgresql://db.internal/masthead", "postgres://db.internal/masthead"]) {
      expect(sessionSecretProblem({ DATABASE_URL: url })).toMatch(/^NEXTAUTH_SECRET is not set\. On PostgreSQL every app instance/);
      expect(sessionSecretProblem({ DATABASE_URL: url, NEXTAUTH_SECRET: "" })).not.toBeNull();
      expect(sessionSecretProblem({ DATABASE_URL: url, NEXTAUTH_SECRET: "one-secret" })).toBeNull();
    }
  });
});
