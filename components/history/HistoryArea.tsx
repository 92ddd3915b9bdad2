// What history puts in the document's place: nothing while the live editor shows (the current
// version), else who wrote what, one version, or a comparison. It also holds the restore toast,
// which outlives the view it was started from (a restore returns to editing).
"use client";
import { useEffect, type ReactNode } from "react";
import dynamic from "next/dynamic";
import type { Editor } from "@tiptap/react";
import type { DocumentHistory } from "./useDocumentHistory";
import { useVersionActions } from "./useVersionActions";
import { RestoredToast } from "./RestoredToast";
import type { HistoryCan } from "./VersionView";

// The views load when history first shows one: the document's first paint needs none of them.
const VersionView = dynamic(() => import("./VersionView").then((m) => m.VersionView), { ssr: false });
const CompareView = dynamic(() => import("./CompareView").then((m) => m.CompareView), { ssr: false });
const AuthorshipView = dynamic(() => import("./AuthorshipView").then((m) => m.AuthorshipView), { ssr: false });

export function HistoryArea({ history, can, editor }: { history: DocumentHistory; can: HistoryCan; editor: Editor | null }) {
  const actions = useVersionActions(history);
  const { view, versions, narrow } = history;
  // On a phone the list covers everything: the view takes focus when it comes out from under it.
  const focusHeading = narrow && !history.listShown;
  const onShowList = narrow ? history.open : undefined;

  const { clearProblem } = actions;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a failure is about the view it happened in; a new view starts clean
  useEffect(() => clearProblem(), [view, clearProblem]);

  const toast = <RestoredToast restored={actions.restored} onUndo={() => void actions.undoRestore()} onDismiss={actions.dismissRestored} />;
  if (view.kind === "current") return toast;

  let shown: ReactNode = null;
  switch (view.kind) {
    case "authors":
      shown = (
        <AuthorshipView
          documentId={history.documentId}
          editor={editor}
          focusHeading={focusHeading}
          onHide={() => history.show({ kind: "current" })}
          onShowList={onShowList}
        />
      );
      break;
    case "version": {
      const version = versions.find(view.versionId);
      if (version)
        shown = (
          <VersionView
            documentId={history.documentId}
            version={version}
            can={can}
            actions={actions}
            focusHeading={focusHeading}
            onCompare={() => history.show({ kind: "compare", versionId: version.id, other: "current" })}
            onBack={history.close}
            onShowList={onShowList}
          />
        );
      break;
    }
    case "compare": {
      const version = versions.find(view.versionId);
      const other = view.other === "current" ? "current" : versions.find(view.other);
      if (version && other)
        shown = (
          <CompareView
            documentId={history.documentId}
            version={version}
            other={other}
            versions={versions.state.status === "ready" ? versions.state.versions : []}
            editor={editor}
            can={can}
            actions={actions}
            focusHeading={focusHeading}
            onOther={(next) => history.show({ kind: "compare", versionId: version.id, other: next })}
            onBackToVersion={() => history.show({ kind: "version", versionId: version.id })}
            onBack={history.close}
            onShowList={onShowList}
          />
        );
      break;
    }
  }
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape from anywhere in the shown version goes back to editing
    <div
      onKeyDown={(e) => {
        if (e.key === "Escape" && !e.defaultPrevented) history.close();
      }}
    >
      {shown}
      {toast}
    </div>
  );
}
