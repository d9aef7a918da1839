import type { Role } from "@dangol/domain";

/** What a Dangol session carries; the jwt callback re-checks it against app_user on every request. */
declare module "next-auth" {
  interface Session {
    user: {
      id: string;
      email: string;
      name: string;
      role: Role;
      storeId: number | null;
      storeLabel: string | null;
      locale: string;
    };
  }

  interface User {
    id: string;
    email: string;
    name: string;
    role: Role;
    storeId: number | null;
    storeLabel: string | null;
    sessionVersion: number;
    locale: string;
  }
}

declare module "next-auth/jwt" {
  interface JWT {
    userId?: string;
    role?: Role;
    storeId?: number | null;
    storeLabel?: string | null;
    sessionVersion?: number;
    locale?: string;
  }
}
