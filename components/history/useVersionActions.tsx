// What can be done to a version from the document area, each asked first where it changes something
// for everyone: restore (then back to editing, with an Undo), copy into a new document, name or
// rename, clear a name, delete (the owner, named versions). Failures come back in plain words.
"use client";
import { useCallback, useState } from "react";
import { useRouter } from "next/navigation";
import { VERSION_NAME_MAX, type Version } from "@/lib/contracts/history";
import { historyApi } from "@/lib/historyApi";
import { plainError } from "@/lib/apiErrors";
import { versionTitle } from "@/lib/versionDays";
import { useAsk } from "@/components/ui/AskDialog";
import type { DocumentHistory } from "./useDocumentHistory";

/** The toast after a restore: Undo restores the restore point the server kept of the text before. */
export type Restored =
  | { kind: "restored"; title: string; restorePoint: Version }
  | { kind: "undoing"; title: string; restorePoint: Version }
  | { kind: "undo-failed"; title: string; restorePoint: Version; message: string }
  | { kind: "undone" };

export type Busy = "restore" | "copy" | "rename" | "delete" | null;

const validateName = (value: string) =>
  !value.trim() ? "Give this version a name." : value.trim().length > VERSION_NAME_MAX ? `Keep the name under ${VERSION_NAME_MAX + 1} characters.` : null;

export function useVersionActions(history: DocumentHistory) {
  const ask = useAsk();
  const router = useRouter();
  const { documentId, versions } = history;
  const [busy, setBusy] = useState<Busy>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [restored, setRestored] = useState<Restored | null>(null);

  const run = useCallback(async (which: Exclude<Busy, null>, action: () => Promise<void>) => {
    setBusy(which);
    setProblem(null);
    try {
      await action();
    } catch (e) {
      setProblem(plainError(e));
    } finally {
      setBusy(null);
    }
  }, []);

  const restore = useCallback(
    async (version: Version) => {
      const title = versionTitle(version);
      const ok = await ask.confirm({
        title: "Restore this version?",
        message: (
          <>
            The document goes back to <strong className="font-medium">{title}</strong> for everyone: it is saved as a new change, and people editing now see it
            at once. Nothing is lost: the text as it is now is kept as a restore point, so you can undo this from the history.
          </>
        ),
        confirmLabel: "Restore",
      });
      if (!ok) return;
      await run("restore", async () => {
        const { restorePoint } = await historyApi.restore(documentId, version.id);
        history.close(); // back to editing: the live editor already holds the restored text
        setRestored({ kind: "restored", title, restorePoint });
        void versions.reload();
      });
    },
    [ask, run, documentId, history, versions],
  );

  const undoRestore = useCallback(async () => {
    if (!restored || restored.kind === "undone") return;
    setRestored({ ...restored, kind: "undoing" });
    try {
      await historyApi.restore(documentId, restored.restorePoint.id);
      setRestored({ kind: "undone" });
      void versions.reload();
    } catch (e) {
      setRestored({ ...restored, kind: "undo-failed", message: plainError(e) });
    }
  }, [restored, documentId, versions]);

  const copy = useCallback(
    (version: Version) =>
      run("copy", async () => {
        const doc = await historyApi.copy(documentId, version.id);
        router.push(`/documents/${encodeURIComponent(doc.id)}`);
      }),
    [run, documentId, router],
  );

  const rename = useCallback(
    async (version: Version) => {
      const name = await ask.prompt({
        title: version.name ? "Rename this version" : "Name this version",
        label: "Version name",
        initialValue: version.name ?? "",
        placeholder: "e.g. Sent to legal",
        confirmLabel: "Save",
        validate: validateName,
      });
      if (name === null) return;
      await run("rename", async () => void (await versions.rename(version.id, name.trim())));
    },
    [ask, run, versions],
  );

  const clearName = useCallback((version: Version) => run("rename", async () => void (await versions.rename(version.id, null))), [run, versions]);

  const remove = useCallback(
    async (version: Version) => {
      const ok = await ask.confirm({
        title: "Delete this version?",
        message: (
          <>
            <strong className="font-medium">{versionTitle(version)}</strong> is removed from the history for everyone. The document itself does not change.
          </>
        ),
        confirmLabel: "Delete version",
        danger: true,
      });
      if (ok) await run("delete", () => versions.remove(version.id));
    },
    [ask, run, versions],
  );

  const clearProblem = useCallback(() => setProblem(null), []);
  const dismissRestored = useCallback(() => setRestored(null), []);

  return { busy, problem, clearProblem, restored, dismissRestored, restore, undoRestore, copy, rename, clearName, remove };
}

export type VersionActions = ReturnType<typeof useVersionActions>;
