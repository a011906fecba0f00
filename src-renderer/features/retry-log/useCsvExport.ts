// The Export CSV command: asks main for the retry log as CSV under the view's filter (all matching
// rows, not just those shown) and saves it. One export at a time; its progress is the state.
import { useCallback, useRef, useState } from 'react';
import { useBridge } from '../../app-context';
import { downloadText } from '../../components/download';
import { retryQuery } from '../../stores/retry-log';
import type { RetryLogFilter } from '../../stores/retry-log';
import { csvFileName, describeRetryLogError } from './retry-log-text';

export type CsvExportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly rows: number; readonly fileName: string }
  | { readonly kind: 'failed'; readonly message: string };

export function useCsvExport(filter: Pick<RetryLogFilter, 'op' | 'outcome'>): { state: CsvExportState; run: () => void } {
  const bridge = useBridge();
  const [state, setState] = useState<CsvExportState>({ kind: 'idle' });
  // The disabled button is not enough: two clicks can land before it re-renders.
  const running = useRef(false);
  const { op, outcome } = filter;

  const run = useCallback(() => {
    if (running.current) return;
    running.current = true;
    setState({ kind: 'running' });
    void bridge.invoke('retries:csv', retryQuery({ op, outcome })).then((reply) => {
      running.current = false;
      if (!reply.ok) {
        setState({ kind: 'failed', message: describeRetryLogError(reply.error, 'export') });
        return;
      }
      const fileName = csvFileName(Date.now());
      downloadText(reply.result.csv, fileName, 'text/csv;charset=utf-8');
      setState({ kind: 'done', rows: reply.result.rows, fileName });
    });
  }, [bridge, op, outcome]);

  return { state, run };
}
