import { Component, lazy, Suspense, useState, type ComponentType, type ReactNode } from 'react';

interface BoundaryProps {
  /** What failed, as the reader knows it: "The lab". */
  name: string;
  onRetry: () => void;
  children: ReactNode;
}

/**
 * Keeps a failure inside the part that failed (a chunk that did not download, a render that
 * threw): the part says so and offers a retry, and the rest of the page stays.
 */
export class PartBoundary extends Component<BoundaryProps, { error: Error | null }> {
  state: { error: Error | null } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div role="alert" data-testid="part-failed">
        <p className="inline-error">
          {this.props.name} could not be loaded ({error.message}).
        </p>
        <button
          type="button"
          onClick={() => {
            this.props.onRetry();
            this.setState({ error: null });
          }}
        >
          Retry
        </button>
      </div>
    );
  }
}

/**
 * A part of the page loaded on first use, that fails alone and can be retried. React.lazy
 * keeps a rejected import for good, so a retry makes a new lazy component that imports again.
 */
export function lazyPart<P extends object>(
  name: string,
  load: () => Promise<ComponentType<P>>,
  fallback: ReactNode,
): ComponentType<P> {
  const make = () => lazy(() => load().then((c) => ({ default: c })));
  let Part = make();
  return function LazyPart(props: P) {
    // Re-rendering after a retry is what picks up the new Part.
    const [, setAttempt] = useState(0);
    return (
      <PartBoundary
        name={name}
        onRetry={() => {
          Part = make();
          setAttempt((a) => a + 1);
        }}
      >
        <Suspense fallback={fallback}>
          <Part {...props} />
        </Suspense>
      </PartBoundary>
    );
  };
}
