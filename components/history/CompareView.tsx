// A version compared with the current text or with another version: the older of the two first, what
// the newer one added in green and what it removed struck through in red, each saying who and when.
// Compared with the current text, it follows live edits (fetched again after a pause in typing).
"use client";
import { useCallback, useId } from "react";
import type { Editor } from "@tiptap/react";
import type { Version } from "@/lib/contracts/history";
import { historyApi } from "@/lib/historyApi";
import { versionTitle, versionWhen } from "@/lib/versionDays";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { addedClass, ChangeBlocks, formattedClass, hasChanges, removedClass } from "./ChangeBlocks";
import { HistoryFrame } from "./HistoryBar";
import { useEditorPause } from "./useEditorPause";
import { useLoaded } from "./useLoaded";
import type { VersionActions } from "./useVersionActions";
import { LoadingOrProblem } from "./LoadingOrProblem";
import type { HistoryCan } from "./VersionView";

/** How long the live text must rest before a comparison with it is fetched again. */
const REFRESH_AFTER_MS = 1500;

export function CompareView(props: {
  documentId: string;
  version: Version;
  /** The other side: the current text, or another version. */
  other: "current" | Version;
  versions: Version[];
  editor: Editor | null;
  can: HistoryCan;
  actions: VersionActions;
  focusHeading: boolean;
  onOther: (other: "current" | string) => void;
  onBackToVersion: () => void;
  onBack: () => void;
  onShowList?: () => void;
}) {
  const { documentId, version, other, can, actions } = props;
  const selectId = useId();
  // Older first: from the earlier point to the later one (the current text is the latest of all).
  const versionIsOlder = other === "current" || Date.parse(version.createdAt) <= Date.parse(other.createdAt);
  const from = versionIsOlder ? version.id : (other as Version).id;
  const to = other === "current" ? "current" : versionIsOlder ? other.id : version.id;
  const load = useCallback(() => historyApi.compare(documentId, { from, to }), [documentId, from, to]);
  const result = useLoaded(`${documentId}/${from}..${to}`, load);
  useEditorPause(props.editor, result.refresh, REFRESH_AFTER_MS, to === "current");

  const name = (v: Version) => (v.name ? `${v.name} (${versionWhen(v.createdAt)})` : versionTitle(v));
  const older = versionIsOlder ? version : (other as Version);
  const newer = other === "current" ? "the current version" : versionIsOlder ? versionTitle(other) : versionTitle(version);
  const names = result.state.status === "ready" ? result.state.data.authors.map((a) => a.name) : [];

  return (
    <HistoryFrame
      testId="compare-view"
      focusHeading={props.focusHeading}
      heading={
        <>
          Changes from {versionTitle(older)} to {newer}
        </>
      }
      details={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
          <span className="flex items-center gap-2">
            <label htmlFor={selectId}>Compare {versionTitle(version)} with</label>
            <select
              id={selectId}
              data-testid="compare-with"
              value={other === "current" ? "current" : other.id}
              onChange={(e) => props.onOther(e.target.value)}
              className="h-7 max-w-[14rem] rounded-md border border-indigo-200 bg-white px-1.5 text-xs text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:border-indigo-800 dark:bg-zinc-900 dark:text-zinc-100"
            >
              <option value="current">the current version</option>
              {props.versions
                .filter((v) => v.id !== version.id)
                .map((v) => (
                  <option key={v.id} value={v.id}>
                    {name(v)}
                  </option>
                ))}
            </select>
          </span>
          <span className="flex items-center gap-2" aria-hidden="true">
            <ins className={`${addedClass} px-1`}>added</ins>
            <del className={`${removedClass} px-1`}>removed</del>
            <span className={`${formattedClass} px-1`}>formatting</span>
          </span>
          {names.length > 0 && <span data-testid="compare-authors">Changes by {names.join(", ")}</span>}
        </span>
      }
      actions={
        <>
          {props.onShowList && (
            <Button size="sm" variant="ghost" onClick={props.onShowList}>
              All versions
            </Button>
          )}
          <Button size="sm" onClick={props.onBackToVersion}>
            View {versionTitle(version)}
          </Button>
          {can.edit && (
            <Button
              size="sm"
              variant="primary"
              busy={actions.busy === "restore"}
              busyLabel="Restoring…"
              disabled={actions.busy !== null}
              onClick={() => void actions.restore(version)}
            >
              Restore this version
            </Button>
          )}
          <Button size="sm" variant="ghost" onClick={props.onBack}>
            {can.edit ? "Back to editing" : "Back to the document"}
          </Button>
        </>
      }
    >
      {actions.problem && <Alert className="m-3">{actions.problem}</Alert>}
      <LoadingOrProblem state={result.state} loadingLabel="Comparing" failure="We could not compare these versions." onRetry={result.refresh} />
      {result.state.status === "ready" &&
        (hasChanges(result.state.data.blocks) ? (
          <ChangeBlocks blocks={result.state.data.blocks} authors={result.state.data.authors} mode="changes" testId="compare-content" />
        ) : (
          <EmptyState title="No differences">The text is the same in both.</EmptyState>
        ))}
    </HistoryFrame>
  );
}
