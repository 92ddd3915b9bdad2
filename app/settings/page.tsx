import type { Metadata } from "next";
import { RequireAuth } from "@/components/layout/RequireAuth";
import { AccountForms } from "./AccountForms";
import { SignedInSessions } from "./SignedInSessions";
import { AccessTokens } from "./AccessTokens";
import { WorkspaceExport } from "@/components/exchange/WorkspaceExport";

export const metadata: Metadata = { title: "Settings" };

export default function SettingsPage() {
  return (
    <RequireAuth>
      <div className="space-y-8">
        <h1 className="text-2xl font-bold tracking-tight">Settings</h1>
        <AccountForms />
        <SignedInSessions />
        <AccessTokens />
        <WorkspaceExport />
      </div>
    </RequireAuth>
  );
}
