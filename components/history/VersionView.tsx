// One version, read-only, in the document's place: "Viewing Draft 1", and what can be done with it.
"use client";
import { useCallback } from "react";
import type { Version } from "@/lib/contracts/history";
import { historyApi } from "@/lib/historyApi";
import { versionTitle, versionWhen } from "@/lib/versionDays";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { LoadingOrProblem } from "./LoadingOrProblem";
import { ContributorAvatars } from "./ContributorAvatars";
import { HistoryFrame } from "./HistoryBar";
import { ReadOnlyDocument } from "./ReadOnlyDocument";
import { useLoaded } from "./useLoaded";
import type { VersionActions } from "./useVersionActions";

export type HistoryCan = { edit: boolean; own: boolean };

export function VersionView(props: {
  documentId: string;
  version: Version;
  can: HistoryCan;
  actions: VersionActions;
  focusHeading: boolean;
  onCompare: () => void;
  onBack: () => void;
  /** On a phone: bring the list back. */
  onShowList?: () => void;
}) {
  const { documentId, version, can, actions } = props;
  const load = useCallback(() => historyApi.get(documentId, version.id), [documentId, version.id]);
  const content = useLoaded(`${documentId}/${version.id}`, load);
  const title = versionTitle(version);
  const busy = actions.busy !== null;

  return (
    <HistoryFrame
      testId="version-view"
      focusHeading={props.focusHeading}
      heading={
        <>
          Viewing <span data-testid="viewing-title">{title}</span>
          {version.kind === "restore-point" && <span className="ml-2 text-xs font-normal">(restore point)</span>}
        </>
      }
      details={
        <span className="flex flex-wrap items-center gap-x-2 gap-y-1">
          {version.name && <span>{versionWhen(version.createdAt)}</span>}
          <ContributorAvatars people={version.authors} />
          {can.edit && (
            <Button size="sm" variant="ghost" className="h-6! px-1.5! text-xs" disabled={busy} onClick={() => void actions.rename(version)}>
              {version.name ? "Rename" : "Name it"}
            </Button>
          )}
          {can.edit && version.kind === "named" && (
            <Button size="sm" variant="ghost" className="h-6! px-1.5! text-xs" disabled={busy} onClick={() => void actions.clearName(version)}>
              Remove name
            </Button>
          )}
          {can.own && version.kind === "named" && (
            <Button size="sm" variant="dangerGhost" className="h-6! px-1.5! text-xs" disabled={busy} onClick={() => void actions.remove(version)}>
              Delete
            </Button>
          )}
        </span>
      }
      actions={
        <>
          {props.onShowList && (
            <Button size="sm" variant="ghost" onClick={props.onShowList}>
              All versions
            </Button>
          )}
          <Button size="sm" onClick={props.onCompare} data-testid="compare-with-current">
            Compare with current
          </Button>
          {can.edit && (
            <Button
              size="sm"
              variant="primary"
              busy={actions.busy === "restore"}
              busyLabel="Restoring…"
              disabled={busy}
              onClick={() => void actions.restore(version)}
            >
              Restore this version
            </Button>
          )}
          <Button size="sm" busy={actions.busy === "copy"} busyLabel="Copying…" disabled={busy} onClick={() => void actions.copy(version)}>
            Make a copy
          </Button>
          <Button size="sm" variant="ghost" onClick={props.onBack}>
            {can.edit ? "Back to editing" : "Back to the document"}
          </Button>
        </>
      }
    >
      {actions.problem && <Alert className="m-3">{actions.problem}</Alert>}
      <LoadingOrProblem state={content.state} loadingLabel="Loading this version" failure="We could not open this version." onRetry={content.refresh} />
      {content.state.status === "ready" && <ReadOnlyDocument content={content.state.data.content} label={`The document as of ${title}`} />}
    </HistoryFrame>
  );
}
