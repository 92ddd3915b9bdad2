import type { Metadata } from "next";
import { RequireAuth } from "@/components/layout/RequireAuth";
import { AdminAnnouncements } from "./AdminAnnouncements";

export const metadata: Metadata = { title: "Admin" };

export default function AdminPage() {
  return (
    <RequireAuth>
      <AdminAnnouncements />
    </RequireAuth>
  );
}
