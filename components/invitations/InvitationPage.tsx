// /invite/<token>: someone was invited to a document by email. Without an account they sign up here
// (the email is the invited one, locked); with one they sign in and come back; signed in as the
// invited address they accept and land in the document. A cancelled, expired or used invitation
// says whom to ask for a new one.
"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { useSession } from "@/components/layout/SessionProvider";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { SkeletonRows } from "@/components/ui/Skeleton";
import { plainError } from "@/lib/apiErrors";
import { invitationsApi, type InvitationView } from "@/lib/invitationsApi";
import { InvitationSignup } from "./InvitationSignup";

type State = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; view: InvitationView };
type Pending = Extract<InvitationView, { state: "pending" }>;

export function InvitationPage({ token }: { token: string }) {
  const [state, setState] = useState<State>({ status: "loading" });

  useEffect(() => {
    let live = true;
    invitationsApi.view(token).then(
      (view) => live && setState({ status: "ready", view }),
      (e) => live && setState({ status: "error", message: plainError(e) }),
    );
    return () => {
      live = false;
    };
  }, [token]);

  return (
    <div className="mx-auto max-w-md py-4 sm:py-10">
      {state.status === "loading" && <SkeletonRows rows={3} label="Loading the invitation" />}
      {state.status === "error" && <NoLongerValid message={state.message} />}
      {state.status === "ready" &&
        (state.view.state === "invalid" ? (
          <NoLongerValid message={`This invitation is no longer valid — ask ${state.view.invitedByName} for a new one.`} />
        ) : (
          <PendingInvitation token={token} view={state.view} />
        ))}
    </div>
  );
}

function NoLongerValid({ message }: { message: string }) {
  return (
    <div className="space-y-4" data-testid="invitation-invalid">
      <h1 className="text-2xl font-bold tracking-tight">Invitation</h1>
      <Alert tone="info">{message}</Alert>
      <ButtonLink href="/">Go to Tandem</ButtonLink>
    </div>
  );
}

function PendingInvitation({ token, view }: { token: string; view: Pending }) {
  const router = useRouter();
  const { status, user, signOut } = useSession();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const can = view.role === "editor" ? "edit" : "view";
  const here = `/invite/${token}`;

  async function accept() {
    setBusy(true);
    setError(null);
    try {
      const { documentId } = await invitationsApi.accept(token);
      router.push(`/documents/${documentId}`);
    } catch (e) {
      setError(plainError(e));
      setBusy(false);
    }
  }

  return (
    <div className="space-y-5" data-testid="invitation-pending">
      <div>
        <h1 className="text-2xl font-bold tracking-tight">You are invited</h1>
        <p className="mt-2 text-zinc-700 dark:text-zinc-300">
          {view.invitedByName} invited you to {can} <strong className="font-semibold">“{view.documentTitle}”</strong> on Tandem.
        </p>
      </div>
      {error && <Alert>{error}</Alert>}
      {status === "loading" && <SkeletonRows rows={2} label="Checking who is signed in" />}
      {status === "signed-in" && user?.email === view.email && (
        <Button variant="primary" className="w-full" busy={busy} busyLabel="Opening…" onClick={() => void accept()}>
          Accept and open the document
        </Button>
      )}
      {status === "signed-in" && user && user.email !== view.email && (
        <Alert
          tone="info"
          action={
            <Button size="sm" onClick={() => void signOut()}>
              Sign out
            </Button>
          }
        >
          {`This invitation is for ${view.email}, and you are signed in as ${user.email}. Sign out, then open the link again.`}
        </Alert>
      )}
      {(status === "signed-out" || status === "ended") &&
        (view.accountExists ? (
          <div className="space-y-3">
            <p className="text-sm text-zinc-600 dark:text-zinc-400">{`${view.email} already has a Tandem account. Sign in with it to accept.`}</p>
            <ButtonLink href={`/login?next=${encodeURIComponent(here)}`} variant="primary" className="w-full">
              Sign in to accept
            </ButtonLink>
          </div>
        ) : (
          <InvitationSignup email={view.email} onSignedUp={accept} />
        ))}
      {status === "error" && <Alert>Tandem could not be reached. Check your connection and reload the page.</Alert>}
      <p className="text-center text-xs text-zinc-500 dark:text-zinc-400">
        Not expecting this? You can ignore it;{" "}
        <Link href="/" className="underline underline-offset-2">
          Tandem
        </Link>{" "}
        will not add you to anything.
      </p>
    </div>
  );
}
