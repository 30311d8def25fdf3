import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { sessionSecret } from "@/lib/config";
import { verifyCredentials } from "@/lib/data/users";
import { ZSignIn } from "@/lib/validation/user";

// Without NEXTAUTH_URL the origin comes from the request, so the app works on any PORT and
// host it is given; set NEXTAUTH_URL to pin it (behind a proxy that rewrites Host).
process.env.AUTH_TRUST_HOST ??= "true";

/**
 * next-auth v4 with the credentials provider, which requires JWT sessions. The token carries
 * only the user id: role and active flag are read from the database on every request
 * (lib/auth/session.ts), so a role change or deactivation takes effect at once.
 */
export const authOptions: NextAuthOptions = {
  secret: sessionSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  // HttpOnly and SameSite=Lax always; next-auth adds Secure (and the __Secure- prefix) over HTTPS.
  useSecureCookies: process.env.NEXTAUTH_URL?.startsWith("https://") ?? undefined,
  pages: { signIn: "/login", error: "/login" },
  providers: [
    CredentialsProvider({
      id: "credentials",
      name: "Email and password",
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      async authorize(credentials) {
        const parsed = ZSignIn.safeParse(credentials ?? {});
        if (!parsed.success) return null;
        const user = await verifyCredentials(parsed.data);
        return user ? { id: user.id, email: user.email, name: user.name } : null;
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      // authTime marks when this sign-in happened; a password reset voids earlier sessions.
      if (user) {
        token.sub = user.id;
        token.authTime = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      return { ...session, userId: token.sub, authTime: typeof token.authTime === "number" ? token.authTime : 0 };
    },
  },
};
