// Personal access tokens: for scripts and devices that cannot use a browser session.
// A new token is shown once; afterwards only its name, scopes and dates are known. A token only ever
// reads or edits documents, or (an administrator's, with that scope) posts announcements: managing the
// account, tokens and members needs a browser session.
"use client";
import { useCallback, useEffect, useState, type FormEvent } from "react";
import { api, type AccessToken, type CreatedAccessToken, type TokenScope } from "@/lib/api";
import { formErrors, plainError } from "@/lib/apiErrors";
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { CopyButton } from "@/components/ui/CopyButton";
import { Dialog } from "@/components/ui/Dialog";
import { EmptyState } from "@/components/ui/EmptyState";
import { RelativeTime } from "@/components/ui/RelativeTime";
import { SkeletonRows } from "@/components/ui/Skeleton";
import { inputClass } from "@/components/ui/TextField";
import { useUser } from "@/components/layout/SessionProvider";

function scopeSummary(scopes: TokenScope[]): string {
  const parts: string[] = [];
  if (scopes.includes("documents:write")) parts.push("Reads and edits documents");
  else if (scopes.includes("documents:read")) parts.push("Reads documents");
  if (scopes.includes("announcements:write")) parts.push(parts.length ? "posts announcements" : "Posts announcements");
  return parts.join(", ") || "No access";
}

type ListState = { status: "loading" } | { status: "error"; message: string } | { status: "ready"; tokens: AccessToken[] };

export function AccessTokens() {
  const { isAdmin } = useUser();
  const [list, setList] = useState<ListState>({ status: "loading" });
  const [created, setCreated] = useState<CreatedAccessToken | null>(null);
  const [toRevoke, setToRevoke] = useState<AccessToken | null>(null);

  const reload = useCallback(async () => {
    try {
      setList({ status: "ready", tokens: await api.listTokens() });
    } catch (e) {
      setList({ status: "error", message: plainError(e) });
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  function onCreated(token: CreatedAccessToken) {
    setCreated(token);
    const { token: _secret, ...row } = token; // the list never keeps the secret
    setList((s) => (s.status === "ready" ? { status: "ready", tokens: [{ ...row, lastUsedAt: null }, ...s.tokens] } : s));
  }

  return (
    <section aria-labelledby="tokens-heading" className="rounded-lg border border-zinc-200 bg-white p-5 shadow-sm dark:border-zinc-800 dark:bg-zinc-900">
      <h2 id="tokens-heading" className="text-lg font-semibold">
        Personal access tokens
      </h2>
      <p className="mt-1 text-sm text-zinc-600 dark:text-zinc-400">
        A token lets a script or device read or edit your documents, with{" "}
        <code className="rounded bg-zinc-100 px-1 dark:bg-zinc-800">Authorization: Bearer …</code>. It cannot delete documents, share them or manage tokens.
        Treat it like a password, and revoke it when you no longer need it. Changing your password does not revoke tokens: revoke one here if it may have
        leaked.
        {isAdmin && " As an administrator you can also let a token post announcements, for example from a deploy pipeline."}
      </p>

      <CreateTokenForm onCreated={onCreated} />

      {created && (
        <div data-testid="new-token" className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 p-3 dark:border-emerald-900 dark:bg-emerald-950/50">
          <p className="text-sm font-medium text-emerald-900 dark:text-emerald-200">
            Copy your new token “{created.name}” now. You won&apos;t be able to see it again.
          </p>
          <div className="mt-2 flex items-center gap-2">
            <code
              data-testid="new-token-value"
              className="min-w-0 flex-1 overflow-x-auto whitespace-nowrap rounded bg-white px-2 py-1.5 font-mono text-xs dark:bg-zinc-900"
            >
              {created.token}
            </code>
            <CopyButton value={created.token} />
          </div>
          <Button size="sm" variant="ghost" className="mt-2" onClick={() => setCreated(null)}>
            I have copied it
          </Button>
        </div>
      )}

      <div className="mt-5">
        {list.status === "loading" && <SkeletonRows rows={2} label="Loading tokens" />}
        {list.status === "error" && (
          <Alert
            action={
              <Button size="sm" onClick={() => void reload()}>
                Try again
              </Button>
            }
          >
            {list.message}
          </Alert>
        )}
        {list.status === "ready" &&
          (list.tokens.length === 0 ? (
            <EmptyState title="You have no tokens.">Create one above when a script needs to reach Tandem.</EmptyState>
          ) : (
            <ul aria-label="Your tokens" className="divide-y divide-zinc-200 rounded-md border border-zinc-200 dark:divide-zinc-800 dark:border-zinc-800">
              {list.tokens.map((t) => (
                <li key={t.id} data-testid="token-row" className="flex items-center gap-3 px-3 py-2">
                  <div className="min-w-0 flex-1">
                    <p className="truncate text-sm font-medium">{t.name}</p>
                    <p className="text-xs text-zinc-500 dark:text-zinc-400">
                      <span data-testid="token-scopes">{scopeSummary(t.scopes)}</span> · Created <RelativeTime iso={t.createdAt} /> ·{" "}
                      {t.lastUsedAt ? (
                        <>
                          last used <RelativeTime iso={t.lastUsedAt} />
                        </>
                      ) : (
                        "never used"
                      )}
                    </p>
                  </div>
                  <Button size="sm" variant="dangerGhost" onClick={() => setToRevoke(t)}>
                    Revoke<span className="sr-only"> {t.name}</span>
                  </Button>
                </li>
              ))}
            </ul>
          ))}
      </div>

      <RevokeTokenDialog
        token={toRevoke}
        onClose={() => setToRevoke(null)}
        onRevoked={(id) => {
          setList((s) => (s.status === "ready" ? { status: "ready", tokens: s.tokens.filter((t) => t.id !== id) } : s));
          if (created?.id === id) setCreated(null);
        }}
      />
    </section>
  );
}

function CreateTokenForm({ onCreated }: { onCreated: (token: CreatedAccessToken) => void }) {
  const { isAdmin } = useUser();
  const [name, setName] = useState("");
  // Least privilege: reading only unless asked.
  const [canRead, setCanRead] = useState(true);
  const [canEdit, setCanEdit] = useState(false);
  const [canAnnounce, setCanAnnounce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [scopeError, setScopeError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const scopes: TokenScope[] = [];
    if (canRead || canEdit) scopes.push("documents:read");
    if (canEdit) scopes.push("documents:write");
    if (canAnnounce && isAdmin) scopes.push("announcements:write");
    setError(null);
    if (scopes.length === 0) {
      setScopeError("Choose at least one thing this token may do.");
      return;
    }
    setScopeError(null);
    setBusy(true);
    try {
      onCreated(await api.createToken(name.trim(), scopes));
      setName("");
      setCanRead(true);
      setCanEdit(false);
      setCanAnnounce(false);
    } catch (e) {
      const shown = formErrors(e, ["name", "scopes"] as const, { name: "Give the token a name." });
      setScopeError(shown.fields.scopes ?? null);
      setError(shown.fields.name ?? (shown.fields.scopes ? null : shown.form));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={submit} aria-label="Create a token" className="mt-4">
      <label htmlFor="token-name" className="mb-1 block text-sm font-medium text-zinc-800 dark:text-zinc-200">
        Token name
      </label>
      <div className="flex flex-col gap-2 sm:flex-row">
        <input
          id="token-name"
          value={name}
          onChange={(e) => setName(e.target.value)}
          placeholder="e.g. Backup script"
          maxLength={80}
          autoComplete="off"
          className={`${inputClass} sm:max-w-xs`}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "token-error" : undefined}
        />
        <Button type="submit" variant="primary" busy={busy} busyLabel="Creating…" disabled={name.trim() === ""}>
          Create token
        </Button>
      </div>
      {error && (
        <p id="token-error" role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
      <fieldset className="mt-3" aria-describedby={scopeError ? "token-scope-error" : undefined}>
        <legend className="text-sm font-medium text-zinc-800 dark:text-zinc-200">This token may</legend>
        <label className="mt-1 flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
          <input
            type="checkbox"
            checked={canRead || canEdit}
            disabled={canEdit}
            onChange={(e) => setCanRead(e.target.checked)}
            aria-describedby={canEdit ? "scope-read-note" : undefined}
          />
          Read documents and comments
          {canEdit && (
            <span id="scope-read-note" className="sr-only">
              (included with editing)
            </span>
          )}
        </label>
        <label className="mt-1 flex items-center gap-2 text-sm text-zinc-800 dark:text-zinc-200">
          <input type="checkbox" checked={canEdit} onChange={(e) => setCanEdit(e.target.checked)} />
          Edit documents and write comments
        </label>
        {isAdmin && (
          <label className="mt-1 flex items-start gap-2 text-sm text-zinc-800 dark:text-zinc-200">
            <input
              type="checkbox"
              className="mt-1"
              checked={canAnnounce}
              onChange={(e) => setCanAnnounce(e.target.checked)}
              aria-describedby="scope-announce-note"
            />
            <span>
              Post and withdraw announcements
              <span id="scope-announce-note" className="block text-xs text-zinc-500 dark:text-zinc-400">
                For a deploy pipeline:{" "}
                <code className="rounded bg-zinc-100 px-1 text-zinc-700 dark:bg-zinc-800 dark:text-zinc-300">POST /api/admin/announcements</code>. Works only
                while you are an administrator. Untick the document boxes for a token that can only announce.
              </span>
            </span>
          </label>
        )}
      </fieldset>
      {scopeError && (
        <p id="token-scope-error" role="alert" className="mt-1 text-sm text-red-600 dark:text-red-400">
          {scopeError}
        </p>
      )}
    </form>
  );
}

function RevokeTokenDialog({ token, onClose, onRevoked }: { token: AccessToken | null; onClose: () => void; onRevoked: (id: string) => void }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function revoke() {
    if (!token) return;
    setBusy(true);
    setError(null);
    try {
      await api.revokeToken(token.id);
      onRevoked(token.id);
      onClose();
    } catch (e) {
      setError(plainError(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Dialog
      open={token !== null}
      onClose={() => !busy && onClose()}
      title="Revoke this token?"
      description={<>Anything using “{token?.name}” will stop working at once.</>}
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            Cancel
          </Button>
          <Button variant="danger" onClick={revoke} busy={busy} busyLabel="Revoking…">
            Revoke token
          </Button>
        </>
      }
    >
      {error && <Alert>{error}</Alert>}
    </Dialog>
  );
}
