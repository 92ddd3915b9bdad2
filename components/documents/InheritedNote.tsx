// Under an inherited member in the member list: which parent page the access comes from, and why it
// cannot be removed on this page.
import Link from "next/link";
import type { InheritedFrom } from "@/lib/contracts/members";

export function InheritedNote({ from, canManage }: { from: InheritedFrom; canManage: boolean }) {
  return (
    <p data-testid="inherited-from" className="text-xs text-zinc-500 dark:text-zinc-400">
      {from.title !== null ? (
        <>
          From{" "}
          <Link href={`/documents/${from.id}`} className="font-medium text-indigo-700 underline-offset-2 hover:underline dark:text-indigo-300">
            “{from.title || "Untitled"}”
          </Link>
        </>
      ) : (
        "From a parent page"
      )}
      {canManage && " · To remove them, change it on the parent page, or turn off inheritance above."}
    </p>
  );
}
