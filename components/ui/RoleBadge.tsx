// A small pill naming someone's role on a document.
import type { Role } from "@/lib/api";

const styles: Record<Role, string> = {
  owner: "bg-indigo-100 text-indigo-800 dark:bg-indigo-950 dark:text-indigo-300",
  editor: "bg-emerald-100 text-emerald-800 dark:bg-emerald-950 dark:text-emerald-300",
  viewer: "bg-zinc-100 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300",
};

export const roleLabel: Record<Role, string> = { owner: "Owner", editor: "Editor", viewer: "Viewer" };

export function RoleBadge({ role }: { role: Role }) {
  return (
    <span data-testid="role-badge" className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-medium ${styles[role]}`}>
      {roleLabel[role]}
    </span>
  );
}
