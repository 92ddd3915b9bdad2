// The authorization table's rows for the collab HTTP transport (SSE down, POST up): the stream admits
// whom the WebSocket admits, ending with the same close codes, and a POST is answered only for a
// session of the caller's own credential.
import * as Y from "yjs";
import { encodeFrames, framesPath, streamPath } from "../../../lib/collab/httpFrames";
import { syncStep1Message } from "../../../server/collab/messages";
import type { Role } from "../support/world";
import { FetchEventSource } from "../../collab/httpClients";
import { dead, members, outsider, tokens, type Row } from "./cells";
import type { Outcome, Probe } from "./probe";

/** Opens the role's stream: its session id, or the close code it ended with. */
async function openStream(p: Probe, role: Role): Promise<{ source: FetchEventSource; outcome: Outcome; session?: string }> {
  const source = new FetchEventSource(`${p.w.url}${streamPath(p.w.mainDocId)}`, p.w.headers(role));
  const outcome = await new Promise<{ outcome: Outcome; session?: string }>((resolve) => {
    const timer = setTimeout(() => resolve({ outcome: "no answer" }), 5_000);
    source.addEventListener("session", (e) => {
      clearTimeout(timer);
      resolve({ outcome: "open", session: JSON.parse(String(e.data)).id });
    });
    source.addEventListener("close", (e) => {
      clearTimeout(timer);
      resolve({ outcome: JSON.parse(String(e.data)).code });
    });
    source.onerror = () => {
      if (source.readyState !== 2) return;
      clearTimeout(timer);
      resolve({ outcome: `http ${source.statuses.at(-1)}` });
    };
  });
  return { source, ...outcome };
}

async function streamOutcome(p: Probe, role: Role): Promise<Outcome> {
  const { source, outcome } = await openStream(p, role);
  source.close();
  return outcome;
}

/** The role's POST to its own session, or (when it cannot open one) to the editor's. */
async function postOutcome(p: Probe, role: Role): Promise<Outcome> {
  const own = await openStream(p, role);
  const editor = own.session ? null : await openStream(p, "editor");
  const session = own.session ?? editor?.session;
  try {
    if (!session) return "the editor's stream did not open";
    const res = await fetch(`${p.w.url}${framesPath(p.w.mainDocId)}?session=${session}`, {
      method: "POST",
      headers: { ...p.w.headers(role), "Content-Type": "application/octet-stream" },
      body: encodeFrames([syncStep1Message(new Y.Doc())]) as Uint8Array<ArrayBuffer>,
    });
    await res.arrayBuffer();
    return res.status;
  } finally {
    own.source.close();
    editor?.source.close();
  }
}

export const HTTP_COLLAB_ROWS: Row[] = [
  {
    channel: "http",
    action: "GET /api/collab/:id/stream",
    perform: streamOutcome,
    expect: { ...dead(4401), ...outsider(4403), ...members("open"), ...tokens("open") },
  },
  {
    channel: "http",
    action: "POST /api/collab/:id/frames",
    // Sync step 1 is answered with step 2 in the response (200); anyone else posting to the editor's session: 403.
    perform: postOutcome,
    expect: { ...dead(403), ...outsider(403), ...members(200), ...tokens(200) },
  },
];
