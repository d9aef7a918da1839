import Link from "next/link";
import { getDictionary } from "@/i18n/server";

export default async function Forbidden() {
  const { t } = await getDictionary();
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-bold">{t.forbidden.title}</h1>
      <p className="mt-3 text-slate-600">{t.forbidden.body}</p>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        {t.forbidden.home}
      </Link>
    </main>
  );
}
