// "Show who wrote what": the current text coloured by the account that wrote each stretch, with a
// legend (and each author's share of the text). Follows live edits after a pause in typing.
"use client";
import { useCallback, useMemo } from "react";
import type { Editor } from "@tiptap/react";
import { authorShares } from "@/lib/authorShares";
import { historyApi } from "@/lib/historyApi";
import { Button } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { ChangeBlocks } from "./ChangeBlocks";
import { AuthorSwatch } from "./ContributorAvatars";
import { HistoryFrame } from "./HistoryBar";
import { useEditorPause } from "./useEditorPause";
import { useLoaded } from "./useLoaded";
import { LoadingOrProblem } from "./LoadingOrProblem";

const REFRESH_AFTER_MS = 1500;

export function AuthorshipView(props: { documentId: string; editor: Editor | null; focusHeading: boolean; onHide: () => void; onShowList?: () => void }) {
  const { documentId } = props;
  const load = useCallback(() => historyApi.compare(documentId, { from: "origin", to: "current" }), [documentId]);
  const result = useLoaded(`${documentId}/authors`, load);
  useEditorPause(props.editor, result.refresh, REFRESH_AFTER_MS);
  const shares = useMemo(() => (result.state.status === "ready" ? authorShares(result.state.data) : []), [result.state]);

  return (
    <HistoryFrame
      testId="authorship-view"
      focusHeading={props.focusHeading}
      heading="Who wrote what"
      details={
        shares.length > 0 && (
          <ul aria-label="Authors" data-testid="authors-legend" className="flex flex-wrap gap-x-3 gap-y-1">
            {shares.map((s) => (
              <li key={s.id ?? "unknown"} className="flex items-center gap-1.5">
                <AuthorSwatch id={s.id} />
                <span>
                  {s.name} <span className="opacity-75">{s.percent}%</span>
                </span>
              </li>
            ))}
          </ul>
        )
      }
      actions={
        <>
          {props.onShowList && (
            <Button size="sm" variant="ghost" onClick={props.onShowList}>
              All versions
            </Button>
          )}
          <Button size="sm" onClick={props.onHide}>
            Hide who wrote what
          </Button>
        </>
      }
    >
      <LoadingOrProblem state={result.state} loadingLabel="Finding who wrote what" failure="We could not work out who wrote what." onRetry={result.refresh} />
      {result.state.status === "ready" &&
        (shares.length > 0 ? (
          <ChangeBlocks blocks={result.state.data.blocks} authors={result.state.data.authors} mode="authors" testId="authorship-content" />
        ) : (
          <EmptyState title="Nothing written yet">Text shows here in the colour of whoever wrote it.</EmptyState>
        ))}
    </HistoryFrame>
  );
}
