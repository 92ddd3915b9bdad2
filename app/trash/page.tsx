import type { Metadata } from "next";
import { RequireAuth } from "@/components/layout/RequireAuth";
import { TrashView } from "@/components/trash/TrashView";

export const metadata: Metadata = { title: "Trash" };

export default function TrashPage() {
  return (
    <RequireAuth>
      <TrashView />
    </RequireAuth>
  );
}
