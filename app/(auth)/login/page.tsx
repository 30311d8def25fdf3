import type { Metadata } from "next";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { SsoButtons } from "@/components/auth/sso-buttons";
import { resolveSameOriginPath } from "@/lib/auth/redirect";
import { getSignInState } from "@/lib/auth/session";
import { configuredSsoProviders } from "@/lib/auth/sso";
import { getPublication } from "@/lib/data/publication";
import { hasAnyUser } from "@/lib/data/users";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Sign in | Masthead" };

type Props = { searchParams: Promise<{ next?: string; error?: string }> };

/** next-auth's error codes for a provider round trip that did not finish. */
const SSO_ERRORS: Record<string, string> = {
  OAuthSignin: "Single sign-on could not start. Try again, or sign in with your password.",
  OAuthCallback: "Single sign-on did not finish. Try again, or sign in with your password.",
  Callback: "Single sign-on did not finish. Try again, or sign in with your password.",
  AccessDenied: "Ask your adviser to add you to the staff list.",
};

export default async function LoginPage({ searchParams }: Props) {
  if (!(await hasAnyUser())) redirect("/setup");
  const state = await getSignInState();
  if (state.kind === "second_factor") redirect("/two-factor");
  if (state.kind !== "signed_out") redirect("/newsroom");
  const { next, error } = await searchParams;
  // Resolved as the browser will resolve it: `/\\evil.example` is another site, and is dropped.
  const target = resolveSameOriginPath(typeof next === "string" ? next : undefined, await appOrigin());
  const publication = await getPublication();
  return (
    <main id="main" tabIndex={-1} className="mx-auto max-w-sm px-4 py-16">
      <p className="font-serif text-2xl font-bold">{publication.name}</p>
      <h1 className="mt-1 text-lg text-muted">Sign in to the newsroom</h1>
      {typeof error === "string" && SSO_ERRORS[error] && (
        <p role="alert" className="mt-4 font-semibold text-danger">
          {SSO_ERRORS[error]}
        </p>
      )}
      <div className="mt-6">
        <SsoButtons providers={configuredSsoProviders().map(({ id, name }) => ({ id, name }))} next={target} />
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
