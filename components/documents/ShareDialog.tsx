// "Share": the owner adds people, changes their role or removes them; others see who has access
// and can leave.
"use client";
import { useState } from "react";
import type { DocumentSummary, User } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";
import { Dialog } from "@/components/ui/Dialog";
import { Button } from "@/components/ui/Button";
import { Alert } from "@/components/ui/Alert";
import { SkeletonRows } from "@/components/ui/Skeleton";
import { useMembers } from "./useMembers";
import { AddMemberForm } from "./AddMemberForm";
import { MemberList } from "./MemberList";
import { useInvitations } from "./useInvitations";
import { PendingInvitations } from "./PendingInvitations";
import { ShareLinks } from "./ShareLinks";
import { usePagesContext } from "@/components/pages/pagesContext";
import { InheritAccessSwitch } from "@/components/pages/InheritAccessSwitch";

type Props = {
  doc: DocumentSummary;
  user: User;
  open: boolean;
  onClose: () => void;
  /** Called after the current user left the document. */
  onLeft: () => void;
};

export function ShareDialog({ doc, user, open, onClose, onLeft }: Props) {
  const members = useMembers(doc.id, open);
  const isOwner = doc.role === "owner";
  const invitations = useInvitations(doc.id, open && isOwner);
  const [leaving, setLeaving] = useState(false);
  // A sub-page: whether it shares its parent's people. Shown when the caller can open the parent, and
  // to the owner also when they cannot (the page is a root in their tree, but still has a parent).
  const pages = usePagesContext();
  const page = pages?.forest?.byId.get(doc.id);
  const parent = page?.parentId ? pages?.forest?.byId.get(page.parentId) : undefined;
  const [leaveError, setLeaveError] = useState<string | null>(null);

  async function add(email: string, role: "editor" | "viewer") {
    const added = await members.add(email, role);
    if ("invitation" in added) invitations.added(added.invitation);
    return added;
  }

  async function leave() {
    setLeaving(true);
    setLeaveError(null);
    try {
      await members.remove(user.id);
      onLeft();
    } catch (e) {
      setLeaveError(plainError(e));
      setLeaving(false);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      testId="share-dialog"
      size="md"
      title={isOwner ? `Share “${doc.title}”` : "People with access"}
      description={
        isOwner
          ? "Editors can change the document; viewers can only read it. Someone without a Tandem account gets an invitation."
          : `${doc.ownerName} owns this document. Only they can add or remove people.`
      }
      footer={
        <>
          {!isOwner && (
            <Button variant="danger" onClick={leave} busy={leaving} busyLabel="Leaving…" className="mr-auto">
              Leave document
            </Button>
          )}
          <Button onClick={onClose}>Done</Button>
        </>
      }
    >
      <div className="space-y-5">
        {page && (parent || (page.parentHidden && isOwner)) && (
          <InheritAccessSwitch
            page={page}
            parentTitle={parent ? parent.title : null}
            isOwner={isOwner}
            onChanged={(changed) => {
              pages?.apply(changed);
              void members.reload();
            }}
          />
        )}
        {isOwner && <AddMemberForm onAdd={add} />}
        {leaveError && <Alert>{leaveError}</Alert>}
        {members.state.status === "loading" && <SkeletonRows rows={2} label="Loading people" />}
        {members.state.status === "error" && (
          <Alert
            action={
              <Button size="sm" onClick={() => void members.reload()}>
                Try again
              </Button>
            }
          >
            {members.state.message}
          </Alert>
        )}
        {members.state.status === "ready" && (
          <MemberList members={members.state.members} currentUserId={user.id} canManage={isOwner} onChangeRole={members.changeRole} onRemove={members.remove} />
        )}
        {isOwner && invitations.state.status === "error" && <Alert>{invitations.state.message}</Alert>}
        {isOwner && invitations.state.status === "ready" && (
          <PendingInvitations invitations={invitations.state.invitations} onResend={invitations.resend} onCancel={invitations.cancel} />
        )}
        {isOwner && <ShareLinks documentId={doc.id} open={open} />}
      </div>
    </Dialog>
  );
}
