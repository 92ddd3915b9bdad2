// A live, shared rich-text editor for one document: Tiptap on Yjs, synced over y-websocket, kept in
// IndexedDB for offline edits, with presence and named carets. Read-only for viewers, and whenever the
// server says our access ended.
"use client";
import { useEffect } from "react";
import { EditorContent, type Editor } from "@tiptap/react";
import { useCollabSession, type AccessState, type CollabSession, type ConnectionState } from "./useCollabSession";
import { useCollabEditor, type EditorUser } from "./useCollabEditor";
import { usePresence } from "./usePresence";
import { Toolbar } from "./Toolbar";
import { ConnectionIndicator, type ShownConnection } from "./ConnectionIndicator";
import { PresenceAvatars } from "./PresenceAvatars";
import { AccessNotice } from "./AccessNotice";
import { WordCount } from "./WordCount";
import { MediaLayer } from "./MediaLayer";
import { useUploadProblems } from "./UploadProblems";
import { EditorBubbles } from "./EditorBubbles";
import { useLinkEditing } from "./useLinkEditing";
import { useSession } from "@/components/layout/SessionProvider";

export type CollaborativeEditorProps = {
  documentId: string;
  user: EditorUser;
  readOnly: boolean;
  /** Hands the Tiptap editor to the page (comments anchor to its selection); null when it goes away. */
  onEditor?: (editor: Editor | null) => void;
  /**
   * The page shows the one "access lost" notice (it also hears socket.io): the editor reports its
   * socket's ending here instead of showing a second one. Without it (alone, as in tests) it shows its own.
   */
  onAccessEnded?: (message: string) => void;
  /** The page learned our access ended (from another channel first): lock at once. */
  ended?: boolean;
  /** "Comment" in the format bubble: the page starts a comment on the selection. */
  onComment?: () => void;
};

/** What the server told us last wins over the role the page loaded with. */
function isReadOnly(readOnly: boolean, access: AccessState): boolean {
  switch (access.kind) {
    case "as-given":
      return readOnly;
    case "role":
      return !access.canWrite;
    case "ended":
      return true;
  }
}

/** The server ended the session for good: say so rather than "Reconnecting…" forever. */
function shownConnection(connection: ConnectionState, access: AccessState): ShownConnection {
  if (access.kind !== "ended") return connection;
  return access.signedOut ? "signed-out" : "closed";
}

export function CollaborativeEditor({ documentId, user, readOnly, onEditor, onAccessEnded, ended = false, onComment }: CollaborativeEditorProps) {
  const { session, connection, access, notice, transport } = useCollabSession(documentId);
  const { status, sessionEnded } = useSession();
  const signedOut = status === "ended" || (access.kind === "ended" && access.signedOut);
  const locked = isReadOnly(readOnly, access) || signedOut || ended;
  // Signed out is the session's ending, not the document's: the page shows its own notice for it.
  const endedMessage = access.kind === "ended" && !access.signedOut ? access.message : null;
  useEffect(() => {
    if (endedMessage !== null) onAccessEnded?.(endedMessage);
  }, [endedMessage, onAccessEnded]);
  // A close for an ended session (another tab signed out, the session expired) ends it for the whole page.
  useEffect(() => {
    if (access.kind === "ended" && access.signedOut) sessionEnded();
  }, [access, sessionEnded]);
  const shown: ShownConnection = status === "ended" ? "signed-out" : shownConnection(connection, access);
  return (
    <div className="rounded-lg border border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
      {access.kind === "ended" && !onAccessEnded && !access.signedOut && <AccessNotice tone="error" message={access.message} />}
      {notice && access.kind !== "ended" && !ended && <AccessNotice tone="info" message={notice} />}
      {session ? (
        <EditorSurface
          key={documentId}
          documentId={documentId}
          session={session}
          user={user}
          locked={locked}
          connection={shown}
          compat={transport === "http"}
          onEditor={onEditor}
          onComment={onComment}
        />
      ) : (
        <div className="min-h-[50vh] px-4 py-3 text-sm text-zinc-500 dark:text-zinc-400">Opening the document…</div>
      )}
    </div>
  );
}

function EditorSurface(props: {
  documentId: string;
  session: CollabSession;
  user: EditorUser;
  locked: boolean;
  connection: ShownConnection;
  /** On the HTTP transport (WebSockets blocked): the status line says so. */
  compat: boolean;
  onEditor?: (editor: Editor | null) => void;
  onComment?: () => void;
}) {
  const uploads = useUploadProblems();
  const editor = useCollabEditor(props.session, props.user, !props.locked, { documentId: props.documentId, onError: uploads.report });
  const links = useLinkEditing(editor);
  const { onEditor } = props;
  useEffect(() => {
    onEditor?.(editor ?? null);
    return () => onEditor?.(null);
  }, [editor, onEditor]);
  const people = usePresence(props.documentId, props.user.id);
  return (
    <>
      <MediaLayer editor={editor} editable={!props.locked} uploads={uploads} />
      {/* Sticky: the connection state, the people here and the toolbar stay in view in a long document. */}
      <div data-testid="editor-chrome" className="sticky top-0 z-20 rounded-t-lg border-b border-zinc-200 bg-white dark:border-zinc-800 dark:bg-zinc-950">
        <div className="flex items-center justify-between gap-3 px-3 py-2">
          <ConnectionIndicator state={props.connection} session={props.session} locked={props.locked} compat={props.compat} />
          <div className="flex items-center gap-3">
            {editor && <WordCount editor={editor} />}
            <PresenceAvatars people={people} />
          </div>
        </div>
        {editor && !props.locked && <Toolbar editor={editor} disabled={props.locked} onLink={links.open} />}
      </div>
      {editor ? (
        <EditorBubbles editor={editor} links={links} editable={!props.locked} onComment={props.onComment}>
          <EditorContent editor={editor} />
        </EditorBubbles>
      ) : (
        <EditorContent editor={editor} />
      )}
    </>
  );
}
