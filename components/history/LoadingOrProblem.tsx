// What a history view shows until its data is ready: a skeleton while loading, or the problem in
// plain words with "Try again". Nothing once it is ready (the view renders its own content then).
import { Alert } from "@/components/ui/Alert";
import { Button } from "@/components/ui/Button";
import { Skeleton } from "@/components/ui/Skeleton";
import type { Loaded } from "./useLoaded";

export function ContentSkeleton({ label }: { label: string }) {
  return (
    <div role="status" aria-label={label} className="min-h-[50vh] space-y-3 px-4 py-4">
      <Skeleton className="h-7 w-1/2" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-4 w-11/12" />
      <Skeleton className="h-4 w-4/5" />
    </div>
  );
}

export function LoadingOrProblem<T>(props: { state: Loaded<T>; loadingLabel: string; failure: string; onRetry: () => void }) {
  switch (props.state.status) {
    case "loading":
      return <ContentSkeleton label={props.loadingLabel} />;
    case "error":
      return (
        <Alert
          className="m-3"
          action={
            <Button size="sm" onClick={props.onRetry}>
              Try again
            </Button>
          }
        >
          {props.failure} {props.state.message}
        </Alert>
      );
    case "ready":
      return null;
  }
}
