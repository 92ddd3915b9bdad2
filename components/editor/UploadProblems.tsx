// Image uploads that failed, as toasts in plain words ("“cat.svg” was not added. That file is not a
// PNG…"). Each goes by itself after a while or with its Dismiss button.
"use client";
import { useCallback, useEffect, useState } from "react";
import { InToastRegion } from "@/components/ui/ToastRegion";

const SHOWN_MS = 10_000;

type Problem = { id: number; message: string };

export type UploadProblems = { problems: Problem[]; report: (message: string) => void; dismiss: (id: number) => void };

let nextId = 0;

export function useUploadProblems(): UploadProblems {
  const [problems, setProblems] = useState<Problem[]>([]);
  const dismiss = useCallback((id: number) => setProblems((all) => all.filter((p) => p.id !== id)), []);
  const report = useCallback((message: string) => setProblems((all) => [...all.slice(-2), { id: ++nextId, message }]), []);
  return { problems, report, dismiss };
}

function ProblemToast({ problem, dismiss }: { problem: Problem; dismiss: (id: number) => void }) {
  useEffect(() => {
    const timer = setTimeout(() => dismiss(problem.id), SHOWN_MS);
    return () => clearTimeout(timer);
  }, [problem.id, dismiss]);
  return (
    <div
      role="alert"
      data-testid="upload-error"
      className="pointer-events-auto flex w-full items-start gap-3 rounded-lg border border-red-200 bg-white p-3 text-sm shadow-lg dark:border-red-900 dark:bg-zinc-900"
    >
      <p className="flex-1 text-zinc-800 dark:text-zinc-200">{problem.message}</p>
      <button
        type="button"
        onClick={() => dismiss(problem.id)}
        className="rounded px-1.5 text-zinc-500 hover:bg-zinc-100 dark:text-zinc-400 hover:text-zinc-900 focus-visible:outline-2 focus-visible:outline-indigo-500 dark:hover:bg-zinc-800 dark:hover:text-zinc-100"
      >
        Dismiss
      </button>
    </div>
  );
}

export function UploadProblemToasts({ problems, dismiss }: Pick<UploadProblems, "problems" | "dismiss">) {
  if (problems.length === 0) return null;
  return (
    <InToastRegion>
      {problems.map((p) => (
        <ProblemToast key={p.id} problem={p} dismiss={dismiss} />
      ))}
    </InToastRegion>
  );
}
