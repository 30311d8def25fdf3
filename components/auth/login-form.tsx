"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { buttonClass, Field, FormMessage, inputClass } from "@/components/ui/field";

export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | undefined>();
  const [pending, setPending] = useState(false);

  async function onSubmit(event: React.FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(undefined);
    const result = await signInWithPassword(email, password).catch((): SignInResult => ({ ok: false, message: "Could not reach the server. Check your connection and try again." }));
    setPending(false);
    if (result.ok) {
      router.replace(next);
      router.refresh();
      return;
    }
    // A wrong password is not left in the field to be resubmitted or read over a shoulder. A
    // lockout (429) judged no password: that one stays, to be sent again once the wait is over.
    if (result.wrongPassword) setPassword("");
    setError(result.message);
  }

  return (
    <form onSubmit={onSubmit} className="flex flex-col gap-4" noValidate>
      <Field id="email" label="Email">
        <input id="email" name="email" type="email" autoComplete="username" autoFocus required value={email} onChange={(e) => setEmail(e.target.value)} className={inputClass} />
      </Field>
      <Field id="password" label="Password">
        <input
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          className={inputClass}
        />
      </Field>
      <FormMessage ok={false} message={error} />
      <button type="submit" className={buttonClass} disabled={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </button>
      <Link href="/forgot-password" className="text-sm">
        Forgot password?
      </Link>
    </form>
  );
}

/** `wrongPassword`: the password was checked and refused (not a lockout, not a bad request). */
type SignInResult = { ok: boolean; message?: string; wrongPassword?: boolean };

/**
 * next-auth's credentials sign-in, called directly rather than through next-auth/react's
 * signIn(), which drops the body of a refusal: a 429 carries the real wait ("Try again in 14
 * minutes"), and the form shows it.
 */
async function signInWithPassword(email: string, password: string): Promise<SignInResult> {
  const { csrfToken } = (await (await fetch("/api/auth/csrf")).json()) as { csrfToken: string };
  const res = await fetch("/api/auth/callback/credentials", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ email, password, csrfToken, json: "true" }),
  });
  const body = (await res.json().catch(() => ({}))) as { url?: string; error?: { message?: string } };
  if (res.status === 429) return { ok: false, message: body.error?.message ?? "Too many sign-in attempts. Wait a while and try again." };
  // Refused before any password check (too large, not a form): the server says why.
  if (res.status >= 400 && res.status !== 401 && body.error?.message) return { ok: false, message: body.error.message };
  if (res.ok && body.url && !new URL(body.url, window.location.href).searchParams.has("error")) return { ok: true };
  return { ok: false, wrongPassword: true, message: "That email and password do not match an active account." };
}
