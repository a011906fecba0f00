// The Build report command: asks main for the checkpoint of a window (one build at a time) and
// keeps the report and its Markdown for the view and its exports. View-local, like an export.
import { useCallback, useRef, useState } from 'react';
import type { CheckpointReport, ReportWindow } from '../../../src-shared/domain/alerts';
import { useBridge } from '../../app-context';
import { describeReportError } from './reports-text';

export type ReportBuild =
  | { readonly kind: 'idle' }
  | { readonly kind: 'building'; readonly window: ReportWindow }
  | { readonly kind: 'done'; readonly report: CheckpointReport; readonly markdown: string }
  | { readonly kind: 'failed'; readonly message: string };

export function useReportBuild(): { state: ReportBuild; build: (window: ReportWindow) => void } {
  const bridge = useBridge();
  const [state, setState] = useState<ReportBuild>({ kind: 'idle' });
  // The disabled button is not enough: two clicks can land before it re-renders.
  const building = useRef(false);

  const build = useCallback(
    (window: ReportWindow) => {
      if (building.current) return;
      building.current = true;
      setState({ kind: 'building', window });
      void bridge.invoke('reports:build', { window }).then((reply) => {
        building.current = false;
        setState(
          reply.ok
            ? { kind: 'done', report: reply.result.report, markdown: reply.result.markdown }
            : { kind: 'failed', message: describeReportError(reply.error) },
        );
      });
    },
    [bridge],
  );

  return { state, build };
}
