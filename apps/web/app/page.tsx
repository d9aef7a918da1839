import { homeAreaFor } from "@dangol/domain";
import { redirect } from "next/navigation";
import { AREA_PATHS } from "@/server/areas";
import { getSession } from "@/server/auth";

export default async function Home() {
  const session = await getSession();
  redirect(session ? AREA_PATHS[homeAreaFor(session.user.role)] : "/signin");
}
