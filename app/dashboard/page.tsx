import type { Metadata } from "next";
import { RequireAuth } from "@/components/layout/RequireAuth";
import { Dashboard } from "@/components/dashboard/Dashboard";

export const metadata: Metadata = { title: "Documents" };

export default function DashboardPage() {
  return (
    <RequireAuth>
      <Dashboard />
    </RequireAuth>
  );
}
