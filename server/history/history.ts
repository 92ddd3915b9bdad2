// A document's version history, transport-free (errors are DomainError): automatic versions after a
// pause in editing, named versions, viewing, comparing, restoring and copying a version, retention.
// Access follows the document: viewers list, view and compare; editors name, rename and restore; the
// owner deletes. Versions are read only here, never when a document opens (cold sync is unaffected).
import * as Y from "yjs";
import type { Db } from "../db/client";
import type { EventBus } from "../bus/bus";
import type { Config } from "../config";
import type { Logger } from "../log";
import type { AuthUser } from "../auth/auth";
import type { Documents } from "../domain/documents";
import { DomainError, notFound } from "../domain/errors";
import type { CollabService } from "../collab/collabChannel";
import type { ListedDocument } from "../../lib/contracts/documents";
import type {
  CompareBlock,
  CompareFormatChange,
  CompareResponse,
  Contributor,
  ProseMirrorNode,
  Version,
  VersionContentResponse,
  VersionKind,
} from "../../lib/contracts/history";
import { documentSchema } from "../exchange/schema";
import { nodeToHtml } from "../exchange/htmlSerializer";
import { EditDebouncer, type DebounceTiming } from "../search/editDebouncer";
import { ClientRecorder } from "./clientRecorder";
import { VersionStore, type ChainRow, type VersionRow } from "./versionStore";
import { decodeClientIds, docFromDiffs } from "./versionChain";
import { compareBlocks, type RawFormat, type RawRun } from "./compare";
import { DeletionRecorder } from "./deletionRecorder";
import { DeletionIndex, type DeletionRecord } from "./deletionSets";
import { docToJSON, replacementUpdate } from "./content";

export type HistoryTiming = DebounceTiming & { keepAutoDays: number };
const TITLE_MAX = 200;
const FORMER_MEMBER = "Former member";

const versionNotFound = () => notFound("Version");

export class History {
  readonly clients: ClientRecorder;
  readonly deletions: DeletionRecorder;
  private readonly store: VersionStore;
  private readonly debouncer: EditDebouncer;

  constructor(
    private readonly deps: {
      db: Db;
      databaseKind: Config["databaseKind"];
      log: Logger;
      documents: Documents;
      collab: () => CollabService | undefined;
      /** Where "versions.changed" goes, so open history panels reload at once (server/realtime/busBridge.ts). */
      bus?: EventBus;
    },
    private readonly timing: HistoryTiming,
  ) {
    this.clients = new ClientRecorder(deps.db, deps.log);
    this.deletions = new DeletionRecorder(deps.db, deps.log);
    this.store = new VersionStore(deps.db, deps.databaseKind);
    this.debouncer = new EditDebouncer(timing, (documentId) => this.autoVersion(documentId));
  }

  /** The collab server accepted an update (hot path: one map lookup, see EditDebouncer). */
  edited(documentId: string, now: number): void {
    this.debouncer.edited(documentId, now);
  }

  /** A peer's update was accepted and broadcast: learn who its Yjs client ids are and who deleted what. */
  accepted(documentId: string, update: Uint8Array, accountId: string): void {
    this.clients.accepted(documentId, update, accountId);
    this.deletions.accepted(documentId, update, accountId);
  }

  async list(user: AuthUser, documentId: string): Promise<Version[]> {
    await this.deps.documents.requireRole(user, documentId, ["owner", "editor", "viewer"]);
    return this.present(documentId, await this.store.list(documentId));
  }

  /** Names the document's current state now. */
  async name(user: AuthUser, documentId: string, name: string): Promise<Version> {
    await this.deps.documents.requireRole(user, documentId, ["owner", "editor"]);
    return this.one(documentId, (await this.keep(documentId, "named", name))!);
  }

  async rename(user: AuthUser, documentId: string, versionId: string, name: string | null): Promise<Version> {
    await this.deps.documents.requireRole(user, documentId, ["owner", "editor"]);
    const row = await this.store.rename(documentId, versionId, name);
    if (!row) throw versionNotFound();
    await this.changed(documentId);
    return this.one(documentId, row);
  }

  async remove(user: AuthUser, documentId: string, versionId: string): Promise<void> {
    await this.deps.documents.requireRole(user, documentId, ["owner"]);
    if (!(await this.store.remove(documentId, versionId))) throw versionNotFound();
    await this.changed(documentId);
  }

  async view(user: AuthUser, documentId: string, versionId: string): Promise<VersionContentResponse> {
    await this.deps.documents.requireRole(user, documentId, ["owner", "editor", "viewer"]);
    const row = await this.store.find(documentId, versionId);
    if (!row) throw versionNotFound();
    const content = await this.contentAt(row);
    const node = documentSchema().nodeFromJSON(content);
    const text = node.textBetween(0, node.content.size, "\n\n", "\n");
    return { version: await this.one(documentId, row), content, text, html: nodeToHtml(node) };
  }

  /** from: a version id or "origin"; to: a version id or "current". */
  async compare(user: AuthUser, documentId: string, from: string, to: string): Promise<CompareResponse> {
    await this.deps.documents.requireRole(user, documentId, ["owner", "editor", "viewer"]);
    const [fromRow, toRow] = await Promise.all([
      from === "origin" ? null : this.store.find(documentId, from),
      to === "current" ? null : this.store.find(documentId, to),
    ]);
    if ((from !== "origin" && !fromRow) || (to !== "current" && !toRow)) throw versionNotFound();
    const until = to === "current" ? undefined : new Date(Math.max(toRow!.createdAt.getTime(), fromRow?.createdAt.getTime() ?? 0));
    const chain = await this.store.chain(documentId, until);
    const doc = docFromDiffs(
      chain.map((r) => r.diff),
      false,
    );
    try {
      if (to === "current") Y.applyUpdate(doc, await this.currentState(documentId));
      const snapshots = chain.map((r) => ({ row: r, snapshot: Y.decodeSnapshot(r.snapshot) }));
      const snapshotOf = (row: VersionRow) => snapshots.find((s) => s.row.id === row.id)!.snapshot;
      const fromSnap = fromRow ? snapshotOf(fromRow) : Y.emptySnapshot;
      const toSnap = toRow ? snapshotOf(toRow) : Y.snapshot(doc);
      await this.deletions.flush(); // deletions still in their window belong to "now"
      const deletions = new DeletionIndex(await this.deletions.of(documentId));
      const raw = compareBlocks(doc, fromSnap, toSnap, deletions);
      const owners = await this.clientOwners(documentId);
      const contributors = new Map(chain.map((r) => [r.id, decodeClientIds(r.clientIds)]));
      const authorIds = new Set<string>();
      const attribute = (run: RawRun | RawFormat, change: RawRun["change"]) => {
        const attributed = this.attribute({ ...run, change }, snapshots, owners, contributors, deletions.records);
        if (attributed.authorId) authorIds.add(attributed.authorId);
        return attributed;
      };
      const blocks: CompareBlock[] = raw.map(({ format, ...block }) => {
        const out: CompareBlock = { ...block, runs: block.runs.map((run) => ({ text: run.text, change: run.change, ...attribute(run, run.change) })) };
        if (format) {
          out.formatChange = { ...attribute(format, "formatted"), before: format.before } satisfies CompareFormatChange;
          if (format.typeBefore) out.formatChange.typeBefore = format.typeBefore;
        }
        return out;
      });
      return { blocks, authors: await this.accounts([...authorIds]) };
    } finally {
      doc.destroy();
    }
  }

  /**
   * Keeps the current state as a restore point, then makes the document equal to the version by a new
   * change in the live room: every open editor receives it, the log keeps everything before it.
   */
  async restore(user: AuthUser, documentId: string, versionId: string): Promise<Version> {
    await this.deps.documents.requireRole(user, documentId, ["owner", "editor"]);
    const row = await this.store.find(documentId, versionId);
    if (!row) throw versionNotFound();
    const content = await this.contentAt(row);
    const restorePoint = (await this.keep(documentId, "restore-point", null))!;
    await this.write(user, documentId, await this.currentState(documentId), content);
    await this.changed(documentId);
    return this.one(documentId, restorePoint);
  }

  /** A new document (the caller owns it) holding the version's content. */
  async copy(user: AuthUser, documentId: string, versionId: string, title: string | undefined): Promise<ListedDocument> {
    const source = await this.deps.documents.get(user, documentId); // any member may copy what they can read
    const row = await this.store.find(documentId, versionId);
    if (!row) throw versionNotFound();
    const content = await this.contentAt(row);
    const created = await this.deps.documents.create(user, title ?? `Copy of ${source.title}`.slice(0, TITLE_MAX));
    await this.write(user, created.id, new Uint8Array([0, 0]), content);
    return created;
  }

  /** Retention: automatic versions older than HISTORY_KEEP_AUTO_DAYS go (named ones and restore points stay). */
  async pruneExpired(now = Date.now()): Promise<{ versions: number; deletions: number }> {
    const cutoff = new Date(now - this.timing.keepAutoDays * 86_400_000);
    let versions = 0;
    for (const { id, documentId } of await this.store.autoBefore(cutoff)) {
      if (await this.store.remove(documentId, id)) versions++;
    }
    // Who deleted what goes with the versions it was needed for.
    const deletions = await this.deletions.pruneBeforeOldestVersion();
    return { versions, deletions };
  }

  /** Shutdown, before the collab rooms close: pending automatic versions are made now. */
  async close(): Promise<void> {
    await this.debouncer.flush();
    await this.clients.flush();
    await this.deletions.flush();
    await this.store.idle();
  }

  private async autoVersion(documentId: string): Promise<void> {
    try {
      await this.keep(documentId, "auto", null);
    } catch (err) {
      // Deleted (or trashed) since its last edit: nothing to keep, nothing to report.
      if (err instanceof DomainError && err.kind === "not_found") return;
      this.deps.log.warn({ err, documentId }, "history: automatic version failed");
    }
  }

  /** Stores the current state as a version (null: an automatic one found nothing new). */
  private async keep(documentId: string, kind: VersionKind, name: string | null): Promise<VersionRow | null> {
    await this.clients.flush(); // its contributors' client ids are known before anyone lists it
    const state = await this.currentState(documentId);
    const row = await this.store.append(documentId, state, kind, name, kind === "auto");
    // A restore point is announced with the restore itself (one reload, after the text changed).
    if (row && kind !== "restore-point") await this.changed(documentId);
    return row;
  }

  /** Tells open history panels of this document, on every instance, that its versions changed. */
  private async changed(documentId: string): Promise<void> {
    try {
      await this.deps.bus?.publish({ type: "versions.changed", documentId });
    } catch (err) {
      // The panels also reload now and then: a lost announcement only delays them.
      this.deps.log.warn({ err, documentId }, "history: could not announce a version change");
    }
  }

  /** Applies `content` as one change by `user` (attributed to a fresh client id recorded as theirs). */
  private async write(user: AuthUser, documentId: string, current: Uint8Array, content: ProseMirrorNode): Promise<void> {
    const { update, clientId } = replacementUpdate(current, content);
    await this.clients.record(documentId, clientId, user.id);
    await this.deletions.record(documentId, user.id, update); // what the restore removed is theirs too
    const collab = this.deps.collab();
    if (!collab || !(await collab.edit(documentId, (doc) => Y.applyUpdate(doc, update)))) throw notFound();
  }

  /** The document's full state now: the live room's when open, otherwise what is stored (no room opened). */
  private async currentState(documentId: string): Promise<Uint8Array> {
    const collab = this.deps.collab();
    if (!collab) throw notFound();
    if (collab.manager.isOpen(documentId)) {
      const state = await collab.read(documentId, (doc) => Y.encodeStateAsUpdate(doc));
      if (state) return state;
    }
    await collab.store.flush(); // updates still in the group-commit window belong to "now"
    const loaded = await collab.store.load(documentId);
    if (!loaded) throw notFound();
    const doc = new Y.Doc();
    try {
      for (const update of loaded.updates) {
        try {
          Y.applyUpdate(doc, update);
        } catch {
          // a stored part that does not apply is the room's to set aside when it opens
        }
      }
      return Y.encodeStateAsUpdate(doc);
    } finally {
      doc.destroy();
    }
  }

  private async contentAt(row: VersionRow): Promise<ProseMirrorNode> {
    const doc = docFromDiffs((await this.store.chain(row.documentId, row.createdAt)).map((r) => r.diff));
    try {
      return docToJSON(doc);
    } finally {
      doc.destroy();
    }
  }

  /**
   * Who made a change and when. Added text and formatting: the account of the Yjs client that wrote
   * it, and the first version holding it. A recorded deletion: its account and moment. A deletion
   * older than those records: the first version lacking it, and its author only when that version
   * has exactly one contributor.
   */
  private attribute(
    run: { change: string; client: number | null; clock: number | null; deletion: number | null },
    snapshots: { row: ChainRow; snapshot: Y.Snapshot }[],
    owners: Map<number, string>,
    contributors: Map<string, number[]>,
    deletions: DeletionRecord[],
  ): { authorId: string | null; at: string | null } {
    if (run.change === "same") return { authorId: null, at: null };
    if (run.deletion !== null) {
      const record = deletions[run.deletion];
      return { authorId: record.accountId, at: record.at.toISOString() };
    }
    if (run.client === null || run.clock === null) return { authorId: null, at: null };
    if (run.change !== "removed") {
      const first = snapshots.find((s) => (s.snapshot.sv.get(run.client!) ?? 0) > run.clock!);
      return { authorId: owners.get(run.client) ?? null, at: first ? first.row.createdAt.toISOString() : null };
    }
    const id = Y.createID(run.client, run.clock);
    const first = snapshots.find((s) => Y.isDeleted(s.snapshot.ds, id));
    if (!first) return { authorId: null, at: null };
    const accounts = new Set((contributors.get(first.row.id) ?? []).map((c) => owners.get(c)).filter((a): a is string => a !== undefined));
    return { authorId: accounts.size === 1 ? [...accounts][0] : null, at: first.row.createdAt.toISOString() };
  }

  private async clientOwners(documentId: string): Promise<Map<number, string>> {
    const rows = await this.deps.db.documentClient.findMany({ where: { documentId }, select: { clientId: true, accountId: true } });
    return new Map(rows.map((r) => [Number(r.clientId), r.accountId]));
  }

  private async accounts(ids: string[]): Promise<Contributor[]> {
    if (ids.length === 0) return [];
    const users = await this.deps.db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
    const names = new Map(users.map((u) => [u.id, u.name]));
    return ids.map((id) => ({ id, name: names.get(id) ?? FORMER_MEMBER }));
  }

  private async one(documentId: string, row: VersionRow): Promise<Version> {
    return (await this.present(documentId, [row]))[0];
  }

  /** Rows as the contract shows them, each with its contributors (accounts of its diff's client ids). */
  private async present(documentId: string, rows: VersionRow[]): Promise<Version[]> {
    const owners = await this.clientOwners(documentId);
    const perRow = rows.map((r) => [...new Set(decodeClientIds(r.clientIds).flatMap((c) => owners.get(c) ?? []))]);
    const people = new Map((await this.accounts([...new Set(perRow.flat())])).map((a) => [a.id, a]));
    return rows.map((r, i) => ({
      id: r.id,
      kind: r.kind,
      name: r.name,
      createdAt: r.createdAt.toISOString(),
      authors: perRow[i].map((id) => people.get(id)!),
    }));
  }
}
