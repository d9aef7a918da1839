import { UsersPage } from "@/modules/admin-users/users-page";
import { requireRole } from "@/server/guards";

export default async function Page() {
  const session = await requireRole("users");
  return <UsersPage session={session} />;
}
