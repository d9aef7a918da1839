import { getPrisma } from "@dangol/db/client";
import { listUsers } from "@dangol/db/users";
import { formatSeoulDateTime, isLocked } from "@dangol/domain";
import Link from "next/link";
import type { Session } from "next-auth";
import { fill } from "@/i18n/dictionaries";
import { getDictionary } from "@/i18n/server";
import { PageHeader } from "@/modules/shell/page-header";
import { CreateUserForm } from "./components/create-user-form.tsx";
import { LookupLockAlerts } from "./components/lookup-lock-alerts.tsx";
import { UserActions } from "./components/user-actions.tsx";
import { listStoreOptions, recentLookupLocks } from "./queries.ts";

/** Callers guard with requireRole("users") and pass the admin's session. */
export async function UsersPage({ session }: { session: Session }) {
  const { t } = await getDictionary();
  const u = t.users;
  const now = new Date();
  const [users, stores, lookupLocks] = await Promise.all([
    listUsers(getPrisma()),
    listStoreOptions(),
    recentLookupLocks(now),
  ]);

  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={u.title} subtitle={u.subtitle} />
      <p className="-mt-4 text-sm">
        <Link href="/admin/usage" className="text-sky-700 underline" data-testid="usage-link">
          {t.usage.title} →
        </Link>
      </p>
      <LookupLockAlerts alerts={lookupLocks} t={t.lookup.admin} now={now} />
      <section className="rounded-xl border border-slate-200 bg-white p-4 shadow-sm">
        <h2 className="mb-3 font-semibold">{u.create}</h2>
        <CreateUserForm t={u} roles={t.roles} stores={stores} />
      </section>
      <section className="rounded-xl border border-slate-200 bg-white shadow-sm">
        <h2 className="px-4 pt-4 font-semibold">{u.list}</h2>
        <div className="overflow-x-auto">
          <table className="mt-2 w-full text-sm" data-testid="users-table">
            <thead className="bg-slate-50 text-left text-slate-500">
              <tr>
                <th className="px-3 py-2 font-medium">{u.email}</th>
                <th className="px-3 py-2 font-medium">{u.role}</th>
                <th className="px-3 py-2 font-medium">{u.status}</th>
                <th className="px-3 py-2 font-medium">{u.lastLogin}</th>
                <th className="px-3 py-2 font-medium">{u.actions}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const locked = isLocked(user.lockedUntil, now);
                return (
                  <tr key={user.id} data-email={user.email} className="border-t border-slate-100 align-top">
                    <td className="px-3 py-2">
                      <div className="font-medium">{user.email}</div>
                      <div className="text-xs text-slate-500">{user.name}</div>
                    </td>
                    <td className="px-3 py-2">
                      <div>{t.roles[user.role]}</div>
                      {user.storeLabel ? <div className="text-xs text-slate-500">{user.storeLabel}</div> : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2" data-testid="user-status">
                      {user.active ? u.active : u.disabled}
                      {locked && user.lockedUntil ? (
                        <div className="text-xs text-red-700">
                          {fill(u.lockedUntil, { time: formatSeoulDateTime(user.lockedUntil).slice(11) })}
                        </div>
                      ) : null}
                    </td>
                    <td className="whitespace-nowrap px-3 py-2 tabular-nums">
                      {user.lastLoginAt ? formatSeoulDateTime(user.lastLoginAt) : u.never}
                    </td>
                    <td className="px-3 py-2">
                      <UserActions
                        t={u}
                        user={{
                          id: user.id,
                          email: user.email,
                          active: user.active,
                          locked,
                          isSelf: user.id === session.user.id,
                        }}
                      />
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
