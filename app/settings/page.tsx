import type { Metadata } from "next";
import { RequireAuth } from "@/components/layout/RequireAuth";
import { AccountSummary } from "./AccountSummary";
import { AccessTokens } from "./AccessTokens";
import { WorkspaceExport } from "@/components/exchange/WorkspaceExport";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <RequireAuth>
      <div className="space-y-8">
        <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
        <AccountSummary />
        <AccessTokens />
        <WorkspaceExport />
      </div>
    </RequireAuth>
  );
}
