// The dashboard: create a document, filter by title, Favourites, Recently opened, "My documents" and "Shared with me".
"use client";
import { useCallback, useEffect, useMemo, useState } from "react";
import type { DocumentSummary } from "@/lib/api";
import { Alert } from "@/components/ui/Alert";
import { Button, ButtonLink } from "@/components/ui/Button";
import { EmptyState } from "@/components/ui/EmptyState";
import { inputClass } from "@/components/ui/TextField";
import { useRealtimeEvent } from "@/lib/realtime/hooks";
import { useDocuments } from "./useDocuments";
import { CreateDocumentForm } from "./CreateDocumentForm";
import { ImportButton, ImportDropZone } from "@/components/exchange/ImportFiles";
import { DocumentSection } from "./DocumentSection";
import { DeleteDocumentDialog } from "./DeleteDocumentDialog";
import { MovedToTrashToast, type Trashed } from "@/components/trash/MovedToTrashToast";
import { trashApi } from "@/lib/trashApi";
import { TRASHED_PARAM } from "@/lib/trash";
import { useShortcuts } from "@/components/shortcuts/useShortcuts";
import { ShortcutSection } from "@/components/shortcuts/ShortcutSection";
import { OfflineDocuments } from "@/components/offline/OfflineDocuments";
import { useUser } from "@/components/layout/SessionProvider";
import { PagesFrame } from "@/components/pages/PagesFrame";

export function Dashboard() {
  const documents = useDocuments();
  const user = useUser();
  // Live updates over socket.io: other tabs, other people's shares, renames and deletes.
  useRealtimeEvent("doc:upsert", documents.upsert);
  useRealtimeEvent("doc:removed", (p) => documents.remove(p.documentId));
  const { state } = documents;
  const shortcuts = useShortcuts();
  const [filter, setFilter] = useState("");
  const [toDelete, setToDelete] = useState<DocumentSummary | null>(null);
  const [trashed, setTrashed] = useState<Trashed | null>(null);
  const dismissTrashed = useCallback(() => setTrashed(null), []);
  useEffect(() => {
    const id = new URLSearchParams(window.location.search).get(TRASHED_PARAM);
    if (!id) return;
    window.history.replaceState(null, "", window.location.pathname); // a reload does not offer it again
    trashApi.entry(id).then(
      ({ document }) => setTrashed({ id, title: document.title }),
      () => {},
    );
  }, []);

  const { mine, shared } = useMemo(() => {
    if (state.status !== "ready") return { mine: null, shared: null };
    const needle = filter.trim().toLowerCase();
    const visible = needle ? state.documents.filter((d) => d.title.toLowerCase().includes(needle)) : state.documents;
    return { mine: visible.filter((d) => d.role === "owner"), shared: visible.filter((d) => d.role !== "owner") };
  }, [state, filter]);

  // Through the live list: a document gone from it (access lost, trashed) is gone from these too.
  const { favourites, recent, isStarred } = useMemo(() => {
    if (state.status !== "ready" || shortcuts.state.status !== "ready") return { favourites: null, recent: null, isStarred: undefined };
    const byId = new Map(state.documents.map((d) => [d.id, d]));
    const pick = (ids: string[]) => ids.map((id) => byId.get(id)).filter((d): d is DocumentSummary => d !== undefined);
    const starred = new Set(shortcuts.state.favourites);
    return { favourites: pick(shortcuts.state.favourites), recent: pick(shortcuts.state.recent), isStarred: (id: string) => starred.has(id) };
  }, [state, shortcuts.state]);

  return (
    <PagesFrame currentId={null}>
      <ImportDropZone>
        {(openImport) => (
          <div className="space-y-8">
            <div className="flex flex-col gap-4 sm:flex-row sm:items-end sm:justify-between">
              <div>
                <h1 className="text-2xl font-bold tracking-tight">Documents</h1>
                <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">Everything you own or that someone shared with you.</p>
              </div>
              <div className="flex flex-col gap-2 sm:flex-row sm:items-end">
                <CreateDocumentForm onCreate={documents.create} />
                <ImportButton onClick={openImport} />
                <ButtonLink href="/trash" variant="ghost" data-testid="trash-link">
                  Trash
                </ButtonLink>
              </div>
            </div>

            {state.status === "error" && state.network ? (
              <OfflineDocuments userId={user.id} onRetry={() => void documents.reload()} />
            ) : state.status === "error" ? (
              <Alert
                action={
                  <Button size="sm" onClick={() => void documents.reload()}>
                    Try again
                  </Button>
                }
              >
                We could not load your documents. {state.message}
              </Alert>
            ) : (
              <>
                <div className="max-w-sm">
                  <label htmlFor="document-filter" className="sr-only">
                    Filter documents by title
                  </label>
                  <input
                    id="document-filter"
                    type="search"
                    value={filter}
                    onChange={(e) => setFilter(e.target.value)}
                    placeholder="Filter by title"
                    autoComplete="off"
                    className={inputClass}
                  />
                </div>
                {shortcuts.error && <Alert>{shortcuts.error}</Alert>}
                {favourites && recent && isStarred && filter.trim() === "" && (
                  <div className="space-y-6">
                    <ShortcutSection
                      title="Favourites"
                      testId="favourites"
                      documents={favourites}
                      empty="Star a document to keep it here."
                      isStarred={isStarred}
                      onToggleStar={shortcuts.toggle}
                    />
                    <ShortcutSection
                      title="Recently opened"
                      testId="recently-opened"
                      documents={recent}
                      empty="Documents you open show up here."
                      isStarred={isStarred}
                      onToggleStar={shortcuts.toggle}
                    />
                  </div>
                )}
                <DocumentSection
                  title="My documents"
                  testId="my-documents"
                  documents={mine}
                  filtering={filter.trim() !== ""}
                  empty={<EmptyState title="You have no documents yet.">Give your first one a title above and press Enter.</EmptyState>}
                  onRename={documents.rename}
                  onAskDelete={setToDelete}
                  isStarred={isStarred}
                  onToggleStar={shortcuts.toggle}
                />
                <DocumentSection
                  title="Shared with me"
                  testId="shared-documents"
                  documents={shared}
                  filtering={filter.trim() !== ""}
                  empty={<EmptyState title="Nothing shared with you yet.">When someone shares a document with you, it shows up here.</EmptyState>}
                  onRename={documents.rename}
                  onAskDelete={setToDelete}
                  isStarred={isStarred}
                  onToggleStar={shortcuts.toggle}
                />
              </>
            )}

            <DeleteDocumentDialog
              doc={toDelete}
              onCancel={() => setToDelete(null)}
              onConfirm={async (id) => {
                const title = toDelete?.title ?? "";
                await documents.destroy(id);
                setTrashed({ id, title });
              }}
            />
            <MovedToTrashToast trashed={trashed} onDismiss={dismissTrashed} onRestored={documents.upsert} />
          </div>
        )}
      </ImportDropZone>
    </PagesFrame>
  );
}
