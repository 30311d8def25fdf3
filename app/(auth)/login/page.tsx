import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { resolveSameOriginPath } from "@/lib/auth/redirect";
import { getCurrentUser } from "@/lib/auth/session";
import { getPublication } from "@/lib/data/publication";
import { hasAnyUser } from "@/lib/data/users";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in | Masthead" };

type Props = { searchParams: Promise<{ next?: string }> };

export default async function LoginPage({ searchParams }: Props) {
  if (!(await hasAnyUser())) redirect("/setup");
  if (await getCurrentUser()) redirect("/newsroom");
  const { next } = await searchParams;
  // Resolved as the browser will resolve it: `/\\evil.example` is another site, and is dropped.
  const target = resolveSameOriginPath(typeof next === "string" ? next : undefined, await appOrigin());
  const publication = await getPublication();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-sm px-4 py-16">
      <p className="font-serif text-2xl font-bold">{publication.name}</p>
      <h1 className="mt-1 text-lg text-muted">Sign in to the newsroom</h1>
      <div className="mt-6">
        <LoginForm next={target} />
      </div>
    </main>
  );
}

/** This request's origin, as next-auth works it out (NEXTAUTH_URL when set). */
async function appOrigin(): Promise<string> {
  if (process.env.NEXTAUTH_URL) return new URL(process.env.NEXTAUTH_URL).origin;
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost";
  const proto = h.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${host}`;
}
