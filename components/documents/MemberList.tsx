// Who has access to a document. The owner can change roles and remove people (after confirming in the
// row: removing closes that person's open editor at once); everyone else can only look, and leave.
// Someone who has access through a parent page is marked so, and cannot be removed here (the note says where).
"use client";
import { useState } from "react";
import type { Member } from "@/lib/api";
import { plainError } from "@/lib/apiErrors";
import { Button } from "@/components/ui/Button";
import { RoleBadge } from "@/components/ui/RoleBadge";
import { selectClass } from "./AddMemberForm";
import { InheritedNote } from "./InheritedNote";

type Props = {
  members: Member[];
  currentUserId: string;
  canManage: boolean;
  onChangeRole: (userId: string, role: "editor" | "viewer") => Promise<void>;
  onRemove: (userId: string) => Promise<void>;
};

export function MemberList({ members, currentUserId, canManage, onChangeRole, onRemove }: Props) {
  const [busyId, setBusyId] = useState<string | null>(null);
  const [confirmingId, setConfirmingId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  async function run(userId: string, action: () => Promise<void>) {
    setBusyId(userId);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusyId(null);
    }
  }

  return (
    <div>
      {error && (
        <p role="alert" className="mb-2 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <ul aria-label="People with access" className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
        {members.map((m) => (
          <li key={m.userId} data-testid="member-row" data-email={m.email} className="flex items-center gap-3 px-3 py-2">
            <div className="min-w-0 flex-1">
              <p className="truncate text-sm font-medium">
                {m.name}
                {m.userId === currentUserId && <span className="font-normal text-zinc-500 dark:text-zinc-400"> (you)</span>}
              </p>
              <p className="truncate text-xs text-zinc-500 dark:text-zinc-400">{m.email}</p>
              {m.inheritedFrom && <InheritedNote from={m.inheritedFrom} canManage={canManage} />}
            </div>
            {canManage && m.role !== "owner" ? (
              <>
                <label htmlFor={`role-${m.userId}`} className="sr-only">
                  Role for {m.name}
                </label>
                <select
                  id={`role-${m.userId}`}
                  value={m.role}
                  disabled={busyId === m.userId}
                  onChange={(e) => void run(m.userId, () => onChangeRole(m.userId, e.target.value as "editor" | "viewer"))}
                  className={`${selectClass} py-1`}
                >
                  <option value="editor">Can edit</option>
                  <option value="viewer">Can view</option>
                </select>
                {m.inheritedFrom ? null : confirmingId === m.userId ? (
                  // biome-ignore lint/a11y/useSemanticElements: an inline pair of buttons inside the row, not a form section for <fieldset>
                  <span role="group" aria-label={`Confirm removing ${m.name}`} className="flex items-center gap-1">
                    <Button size="sm" onClick={() => setConfirmingId(null)} disabled={busyId === m.userId} autoFocus>
                      Keep
                    </Button>
                    <Button
                      size="sm"
                      variant="danger"
                      aria-label={`Yes, remove ${m.name}`}
                      busy={busyId === m.userId}
                      busyLabel="Removing…"
                      onClick={() => void run(m.userId, () => onRemove(m.userId)).finally(() => setConfirmingId(null))}
                    >
                      Remove
                    </Button>
                  </span>
                ) : (
                  <Button
                    size="sm"
                    variant="dangerGhost"
                    aria-label={`Remove ${m.name}`}
                    disabled={busyId === m.userId}
                    onClick={() => setConfirmingId(m.userId)}
                  >
                    Remove
                  </Button>
                )}
              </>
            ) : (
              <RoleBadge role={m.role} />
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
