// The Push to Notion command: asks main to build the checkpoint for a window and commit it to the
// Notion outbox (one push at a time). View-local, like a build; the outbox then does the pushing.
import { useCallback, useRef, useState } from 'react';
import type { ReportWindow } from '../../../src-shared/domain/alerts';
import { useBridge } from '../../app-context';
import { queuedText } from '../notion/notion-text';
import { describePushError } from './reports-text';

export type ReportPush =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pushing' }
  | { readonly kind: 'queued'; readonly text: string }
  | { readonly kind: 'failed'; readonly message: string };

export function usePushReport(): { state: ReportPush; push: (window: ReportWindow) => void; reset: () => void } {
  const bridge = useBridge();
  const [state, setState] = useState<ReportPush>({ kind: 'idle' });
  // The disabled button is not enough: two clicks can land before it re-renders.
  const pushing = useRef(false);

  const push = useCallback(
    (window: ReportWindow) => {
      if (pushing.current) return;
      pushing.current = true;
      setState({ kind: 'pushing' });
      void bridge.invoke('reports:push', { window }).then((reply) => {
        pushing.current = false;
        setState(reply.ok ? { kind: 'queued', text: queuedText(reply.result) } : { kind: 'failed', message: describePushError(reply.error) });
      });
    },
    [bridge],
  );

  const reset = useCallback(() => setState({ kind: 'idle' }), []);

  return { state, push, reset };
}
