import Link from "next/link";
import { getDictionary } from "@/i18n/server";

export default async function NotFound() {
  const { t } = await getDictionary();
  return (
    <main className="mx-auto max-w-md px-4 py-16 text-center">
      <h1 className="text-xl font-bold">{t.notFound.title}</h1>
      <Link href="/" className="mt-6 inline-block text-blue-700 underline">
        {t.notFound.home}
      </Link>
    </main>
  );
}
