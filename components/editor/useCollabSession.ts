// One document's live session in the browser: the Y.Doc, its IndexedDB copy (offline edits), the
// y-websocket connection, and what the server's close codes say about our access.
"use client";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { CloseCode, describeClose } from "@/lib/collab/closeCodes";
import { api } from "@/lib/api";

export type ConnectionState = "connecting" | "connected" | "reconnecting" | "offline";

/** What the server told us about our access, beyond the role the page passed in. */
export type AccessState =
  | { kind: "as-given" }
  | { kind: "role"; canWrite: boolean } // re-read after an AccessChanged close
  | { kind: "ended"; message: string; signedOut: boolean }; // removed, deleted or signed out: no more reconnecting

export type CollabSession = {
  doc: Y.Doc;
  provider: WebsocketProvider;
  local: IndexeddbPersistence;
};

function collabUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}/collab`;
}

export function useCollabSession(documentId: string) {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [access, setAccess] = useState<AccessState>({ kind: "as-given" });
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`tandem-doc-${documentId}`, doc);
    const provider = new WebsocketProvider(collabUrl(), documentId, doc);
    let everConnected = false;
    let disposed = false;

    const update = () => {
      if (!navigator.onLine) return setConnection("offline");
      if (provider.wsconnected) return setConnection("connected");
      setConnection(everConnected ? "reconnecting" : "connecting");
    };
    const onStatus = ({ status }: { status: string }) => {
      if (status === "connected") {
        everConnected = true;
        setNotice(null);
      }
      update();
    };
    const onClose = (event: CloseEvent | null) => {
      if (!event) return;
      if (event.code === CloseCode.AccessChanged) {
        // Our role changed: ask the API what it is now (the socket reconnects by itself meanwhile).
        api.getDocument(documentId).then(
          (d) => !disposed && setAccess({ kind: "role", canWrite: d.role !== "viewer" }),
          () => {},
        );
        return;
      }
      const message = describeClose(event.code);
      if (event.code === CloseCode.Forbidden || event.code === CloseCode.DocumentDeleted || event.code === CloseCode.Unauthorized) {
        // The server's reason says which ending it was ("You signed out…", "Your session ended…").
        setAccess({
          kind: "ended",
          message: event.reason || message || "This document is no longer available.",
          signedOut: event.code === CloseCode.Unauthorized,
        });
        // Do not keep a private copy of a document we may no longer see.
        if (event.code !== CloseCode.Unauthorized) void local.clearData();
      } else if (message) {
        setNotice(message);
      }
    };
    provider.on("status", onStatus);
    provider.on("connection-close", onClose);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    setSession({ doc, provider, local });
    setConnection("connecting");
    setAccess({ kind: "as-given" });
    setNotice(null);
    update();

    return () => {
      disposed = true;
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
      provider.off("status", onStatus);
      provider.off("connection-close", onClose);
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [documentId]);

  return { session, connection, access, notice };
}
