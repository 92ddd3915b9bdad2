// Test helpers for the event stream: a server with tunable stream options, and a raw SSE reader
// over node:http that records every frame exactly as it came (comments and retry lines included).
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../server/config";
import { startTandem } from "../../server/app";
import { createEventsChannel, type EventsChannelOptions } from "../../server/events/eventsChannel";
import { freshDatabase, type TestServer } from "../helpers/server";

/** A real server with only the events channel, so tests can shorten the heartbeat or the backlog limit. */
export async function startEventsServer(
  options: EventsChannelOptions = {},
  shared: { dataDir?: string; env?: Record<string, string> } = {},
): Promise<TestServer> {
  const dataDir = shared.dataDir ?? fs.mkdtempSync(path.join(os.tmpdir(), "tandem-events-"));
  // A caller that names the database (several instances on one) owns it.
  const database = shared.env?.DATABASE_URL ? undefined : await freshDatabase();
  const config = loadConfig({
    PORT: "0",
    HOST: "127.0.0.1",
    DATA_DIR: dataDir,
    LOG_LEVEL: "silent",
    ...(database ? { DATABASE_URL: database.url } : {}),
    ...shared.env,
  } as Record<string, string> as NodeJS.ProcessEnv);
  const tandem = await startTandem(config, { channels: [createEventsChannel(options)] });
  return Object.assign(tandem, {
    dataDir,
    async stop() {
      await tandem.close();
      await database?.drop();
      if (!shared.dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

export type Frame = { id?: string; event?: string; data?: any; retry?: number; comment?: string };

export class SseReader {
  readonly frames: Frame[] = [];
  raw = "";
  status = 0;
  headers: http.IncomingHttpHeaders = {};
  closed = false;
  private buffer = "";
  private req!: http.ClientRequest;
  private waiters: Array<() => void> = [];

  static open(url: string, headers: Record<string, string> = {}): Promise<SseReader> {
    const reader = new SseReader();
    return new Promise((resolve, reject) => {
      reader.req = http.get(url, { headers: { accept: "text/event-stream", ...headers } }, (res) => {
        reader.status = res.statusCode ?? 0;
        reader.headers = res.headers;
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => reader.push(chunk));
        res.on("close", () => {
          reader.closed = true;
          reader.notify();
        });
        resolve(reader);
      });
      reader.req.on("error", (e) => (reader.status ? ((reader.closed = true), reader.notify()) : reject(e)));
    });
  }

  /** Named events only (no comments, no bare retry frames). */
  get events(): Frame[] {
    return this.frames.filter((f) => f.event !== undefined);
  }

  named(name: string): Frame[] {
    return this.events.filter((f) => f.event === name);
  }

  async waitFor<T>(check: () => T | undefined | false, timeoutMs = 5000, what = "condition"): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = check();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; frames: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((r) => {
        const t = setTimeout(r, Math.min(100, deadline - Date.now() + 1));
        this.waiters.push(() => (clearTimeout(t), r()));
      });
    }
  }

  waitForEvent(name: string, match: (data: any) => boolean = () => true, timeoutMs = 5000): Promise<Frame> {
    return this.waitFor(() => this.named(name).find((f) => match(f.data)), timeoutMs, `event ${name}`);
  }

  close(): void {
    this.req.destroy();
  }

  private push(chunk: string): void {
    this.raw += chunk;
    this.buffer += chunk;
    let end: number;
    while ((end = this.buffer.indexOf("\n\n")) >= 0) {
      const block = this.buffer.slice(0, end);
      this.buffer = this.buffer.slice(end + 2);
      this.frames.push(parseFrame(block));
    }
    this.notify();
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}

function parseFrame(block: string): Frame {
  const frame: Frame = {};
  const data: string[] = [];
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) frame.comment = line.slice(1).trim();
    else if (line.startsWith("id: ")) frame.id = line.slice(4);
    else if (line.startsWith("event: ")) frame.event = line.slice(7);
    else if (line.startsWith("data: ")) data.push(line.slice(6));
    else if (line.startsWith("retry: ")) frame.retry = Number(line.slice(7));
  }
  if (data.length) frame.data = JSON.parse(data.join("\n"));
  return frame;
}

/** A start time a little in the future, as ISO text. */
export const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
