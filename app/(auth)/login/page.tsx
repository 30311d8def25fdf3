import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
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
  // Only same-site paths: never bounce a user to another origin after sign-in.
  const target = next && next.startsWith("/") && !next.startsWith("//") ? next : "/newsroom";
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
