/**
 * The demo newsroom's accounts. A module of plain data, so `npm run demo`'s banner
 * (scripts/banner.ts) can print them without loading the seed, whose use cases are server code.
 */
import type { Role } from "../../lib/auth/policy";

export const DEMO_PASSWORD = "masthead-demo";
export const DEMO_ACCOUNTS = [
  { email: "adviser@demo.test", role: "ADVISER", fullName: "Hana Park", slug: "hana-park", title: "Faculty adviser", grade: null },
  { email: "editor@demo.test", role: "EDITOR", fullName: "Minji Kim", slug: "minji-kim", title: null, grade: 12 },
  { email: "writer@demo.test", role: "WRITER", fullName: "Jaehoon Song", slug: "jaehoon-song", title: null, grade: 11 },
  { email: "writer2@demo.test", role: "WRITER", fullName: "Seo-yeon Lee", slug: "seo-yeon-lee", title: null, grade: 10 },
] as const satisfies readonly { email: string; role: Role; fullName: string; slug: string; title: string | null; grade: number | null }[];
