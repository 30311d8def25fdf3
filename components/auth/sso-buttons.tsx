"use client";
import { signIn } from "next-auth/react";
import { useState } from "react";
import { secondaryButtonClass } from "@/components/ui/field";

/** One button per configured single sign-on provider; next-auth takes the browser there and back. */
export function SsoButtons({ providers, next }: { providers: { id: string; name: string }[]; next: string }) {
  const [pending, setPending] = useState<string | null>(null);
  if (providers.length === 0) return null;
  return (
    <div className="flex flex-col gap-2">
      {providers.map((p) => (
        <button
          key={p.id}
          type="button"
          className={secondaryButtonClass}
          disabled={pending !== null}
          onClick={() => {
            setPending(p.id);
            void signIn(p.id, { callbackUrl: next });
          }}
        >
          {pending === p.id ? "Opening…" : `Sign in with ${p.name}`}
        </button>
      ))}
      <p className="my-2 flex items-center gap-3 text-sm text-muted" aria-hidden="true">
        <span className="h-px flex-1 bg-rule" />
        or with your password
        <span className="h-px flex-1 bg-rule" />
      </p>
    </div>
  );
}
