// One document's live session in the browser: the Y.Doc, its IndexedDB copy (offline edits), the
// y-websocket connection (asking for durable acknowledgements, `?ack=1`), which local changes the
// server has stored (unsavedChanges.ts), and what the server's close codes say about our access.
"use client";
import { useEffect, useState } from "react";
import * as Y from "yjs";
import { WebsocketProvider } from "y-websocket";
import { IndexeddbPersistence } from "y-indexeddb";
import { BUSY_PARAM, BUSY_PARAM_VALUE, CloseCode, describeClose } from "@/lib/collab/closeCodes";
import { ACK_PARAM, DURABLE_ACK_MESSAGE, readDurableAck } from "@/lib/collab/durableAck";
import { writeUnsaved } from "@/lib/collab/unsavedRecord";
import { forgetDocument } from "@/lib/offline/offlineRecord";
import type { SaveProblem } from "@/lib/collab/saveStatus";
import { api } from "@/lib/api";
import { HttpSocket } from "@/lib/collab/httpSocket";
import { TransportChoice, type TransportMode } from "@/lib/collab/transportChoice";
import { UnsavedChanges } from "./unsavedChanges";

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
  /** Local changes not yet acknowledged as stored, and a refusal that stops saving (null: none). */
  saving: SavingState;
};

/** Observable for React (useSyncExternalStore): how many changes are unsaved, and why saving stopped. */
export type SavingState = {
  subscribe(listener: () => void): () => void;
  snapshot(): { unsaved: number; problem: SaveProblem | null };
};

/** Closes that mean our changes cannot be saved, in the words the status line shows. */
function problemOf(code: number): SaveProblem | null {
  switch (code) {
    case CloseCode.MessageTooBig:
      return { why: "this document reached its size limit", next: "copy your latest text somewhere safe, then remove some content" };
    case CloseCode.ChangeRefused:
      return { why: "the server refused your latest change", next: "reload the page" };
    default:
      return null;
  }
}

type Sendable = string | ArrayBufferLike | Blob | ArrayBufferView;
// biome-ignore lint/suspicious/noExplicitAny: a mixin's base constructor must take any arguments
type SocketBase = new (...args: any[]) => { send(data: Sendable): void };

/** A socket class (the browser's WebSocket, or HttpSocket) telling `unsaved` about each socket and each frame it sends. */
function counting<T extends SocketBase>(Base: T, unsaved: UnsavedChanges): T {
  return class Counting extends Base {
    // biome-ignore lint/suspicious/noExplicitAny: passed through to the base constructor
    constructor(...args: any[]) {
      super(...args);
      unsaved.socketOpened(this);
    }

    send(data: Sendable): void {
      if (data instanceof Uint8Array) unsaved.sending(this, data);
      super.send(data);
    }
  };
}

function collabUrl(): string {
  const protocol = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${protocol}//${window.location.host}/collab`;
}

export function useCollabSession(documentId: string) {
  const [session, setSession] = useState<CollabSession | null>(null);
  const [connection, setConnection] = useState<ConnectionState>("connecting");
  const [access, setAccess] = useState<AccessState>({ kind: "as-given" });
  const [notice, setNotice] = useState<string | null>(null);
  const [transport, setTransport] = useState<TransportMode>("websocket");

  useEffect(() => {
    const doc = new Y.Doc();
    const local = new IndexeddbPersistence(`tandem-doc-${documentId}`, doc);
    const unsaved = new UnsavedChanges(documentId);
    // A WebSocket first; over HTTP (SSE + POST) where one keeps failing, and back once one opens.
    const choice = new TransportChoice({
      WebSocket: counting(WebSocket, unsaved),
      HttpSocket: counting(HttpSocket, unsaved),
      ProbeSocket: WebSocket, // not counted: the provider never uses it
      online: () => navigator.onLine,
      onChange: (mode) => !disposed && setTransport(mode),
    });
    const provider = new WebsocketProvider(collabUrl(), documentId, doc, {
      // Busy: a refusal at capacity comes as a close we can read (closeCodes.ts), not a bare failed upgrade.
      params: { [ACK_PARAM]: "1", [BUSY_PARAM]: BUSY_PARAM_VALUE },
      WebSocketPolyfill: choice.socketClass(),
    });
    provider.messageHandlers[DURABLE_ACK_MESSAGE] = (_reply, decoder, p) => {
      if (p.ws) unsaved.acknowledged(p.ws, readDurableAck(decoder));
    };
    let everConnected = false;
    let disposed = false;

    // Saving: every local change is counted until the server says it is stored.
    let problem: SaveProblem | null = null;
    let snapshot: ReturnType<SavingState["snapshot"]> = { unsaved: unsaved.count, problem };
    const watchers = new Set<() => void>();
    const tell = () => {
      snapshot = { unsaved: unsaved.count, problem };
      for (const w of watchers) w();
    };
    const stopCounting = unsaved.subscribe(tell);
    const onDocUpdate = (_update: Uint8Array, origin: unknown) => {
      if (origin === provider) return; // from the server
      if (origin === local)
        unsaved.otherChange(); // read back from IndexedDB: counted in an earlier visit
      else unsaved.localChange();
    };
    doc.on("update", onDocUpdate); // after the provider's own listener: it has sent the frame by now
    // Once the server's copy and ours are in step, a barrier settles changes sent on an earlier socket,
    // made offline, or left from an earlier visit.
    const settle = () => {
      const barrier = provider.synced && local.synced ? unsaved.barrier() : null;
      if (barrier && provider.ws?.readyState === 1) provider.ws.send(barrier); // OPEN, for either transport
    };
    const onSynced = (isSynced: boolean) => isSynced && settle();
    provider.on("sync", onSynced);
    void local.whenSynced.then(() => !disposed && settle());
    // Closing or reloading with unsaved changes asks first.
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (unsaved.count === 0) return;
      event.preventDefault();
      event.returnValue = ""; // older browsers need it set to show the dialog
    };
    window.addEventListener("beforeunload", onBeforeUnload);

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
        if (event.code !== CloseCode.Unauthorized) {
          void local.clearData();
          writeUnsaved(documentId, 0);
          forgetDocument(documentId);
        }
      } else if (message) {
        setNotice(message);
      }
      const refused = problemOf(event.code);
      if (refused) {
        problem = refused;
        tell();
      }
    };
    provider.on("status", onStatus);
    provider.on("connection-close", onClose);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    const saving: SavingState = {
      subscribe(listener) {
        watchers.add(listener);
        return () => watchers.delete(listener);
      },
      snapshot: () => snapshot,
    };
    setSession({ doc, provider, local, saving });
    setConnection("connecting");
    setAccess({ kind: "as-given" });
    setNotice(null);
    setTransport(choice.mode);
    update();

    return () => {
      disposed = true;
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
      provider.off("status", onStatus);
      provider.off("connection-close", onClose);
      provider.off("sync", onSynced);
      window.removeEventListener("beforeunload", onBeforeUnload);
      doc.off("update", onDocUpdate);
      stopCounting();
      choice.stop();
      provider.destroy();
      void local.destroy();
      doc.destroy();
    };
  }, [documentId]);

  return { session, connection, access, notice, transport };
}
