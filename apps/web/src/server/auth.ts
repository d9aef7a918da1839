import { createLogger } from "@dangol/config";
import { getPrisma } from "@dangol/db/client";
import { authenticate, findSessionUser } from "@dangol/db/users";
import type { NextAuthOptions, Session } from "next-auth";
import { getServerSession } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { cache } from "react";
import { env } from "@/env";

/** A working day; a stolen cookie is worth little past it and a revoked user is checked anyway. */
const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const log = createLogger("web.auth");

/** Thrown from the jwt callback: next-auth then clears the cookie and the session is null. */
class SessionRevoked extends Error {
  constructor(reason: string) {
    super(`session revoked: ${reason}`);
    this.name = "SessionRevoked";
  }
}

/**
 * Sign-in failures travel to the form as the error code: `invalid`, `disabled` or
 * `locked:<ISO time>` so the page can say until when, in the reader's language.
 */
export function signInErrorCode(result: { reason: "invalid" | "disabled" } | { reason: "locked"; lockedUntil: Date }) {
  return result.reason === "locked" ? `locked:${result.lockedUntil.toISOString()}` : result.reason;
}

function clientIp(headers: Record<string, string | string[] | undefined> | undefined): string | null {
  const forwarded = headers?.["x-forwarded-for"];
  const first = Array.isArray(forwarded) ? forwarded[0] : forwarded;
  return first?.split(",")[0]?.trim() || null;
}

let options: NextAuthOptions | undefined;

/** Built on first use so `next build` can import the routes without AUTH_SECRET. */
export function authOptions(): NextAuthOptions {
  options ??= {
    secret: env().AUTH_SECRET,
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    jwt: { maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        name: "Dangol",
        credentials: { email: { type: "email" }, password: { type: "password" } },
        async authorize(credentials, req) {
          const email = credentials?.email ?? "";
          const password = credentials?.password ?? "";
          if (!email || !password) throw new Error("invalid");
          const result = await authenticate(getPrisma(), email, password, clientIp(req.headers));
          if (!result.ok) throw new Error(signInErrorCode(result));
          const { user } = result;
          return {
            id: user.id,
            email: user.email,
            name: user.name,
            role: user.role,
            storeId: user.storeId,
            storeLabel: user.storeLabel,
            sessionVersion: user.sessionVersion,
            locale: user.locale,
          };
        },
      }),
    ],
    callbacks: {
      async jwt({ token, user }) {
        if (user) {
          return {
            ...token,
            userId: user.id,
            role: user.role,
            storeId: user.storeId,
            storeLabel: user.storeLabel,
            sessionVersion: user.sessionVersion,
            locale: user.locale,
          };
        }
        if (!token.userId) throw new SessionRevoked("no user id");
        const current = await findSessionUser(getPrisma(), token.userId);
        if (!current) throw new SessionRevoked("user gone");
        if (!current.active) throw new SessionRevoked("user disabled");
        if (current.sessionVersion !== token.sessionVersion) throw new SessionRevoked("session version changed");
        if (current.role !== token.role || current.storeId !== token.storeId) throw new SessionRevoked("role changed");
        return { ...token, name: current.name, storeLabel: current.storeLabel, locale: current.locale };
      },
      async session({ session, token }) {
        session.user = {
          id: token.userId as string,
          email: token.email ?? "",
          name: token.name ?? "",
          role: token.role as Session["user"]["role"],
          storeId: token.storeId ?? null,
          storeLabel: token.storeLabel ?? null,
          locale: token.locale ?? "ko",
        };
        return session;
      },
    },
    logger: {
      error(code, metadata) {
        const cause = metadata instanceof Error ? metadata : (metadata as { error?: unknown })?.error;
        if (code === "JWT_SESSION_ERROR" && cause instanceof SessionRevoked) {
          log.info({ reason: cause.message }, "session ended");
          return;
        }
        log.error({ code, metadata }, "next-auth error");
      },
      warn(code) {
        log.warn({ code }, "next-auth warning");
      },
      debug() {},
    },
  };
  return options;
}

/** The signed-in user for this request, or null; cached so a page and its layout share one DB check. */
export const getSession = cache(async (): Promise<Session | null> => {
  const session = await getServerSession(authOptions());
  return session?.user?.id ? session : null;
});
