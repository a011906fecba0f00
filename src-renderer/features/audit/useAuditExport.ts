// The Export CSV / Export JSON commands: ask main for the whole trail under the view's filter (not
// just the rows shown) and save it as a file. One export at a time; its progress is the state.
import { useCallback, useRef, useState } from 'react';
import type { AuditFormat } from '../../../src-shared/domain/audit';
import { useAuditFeed } from '../../app-context';
import { downloadText } from '../../components/download';
import type { AuditViewFilter } from '../../stores/audit';
import { AUDIT_MIME, auditFileName, describeAuditError } from './audit-text';

export type AuditExportState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running'; readonly format: AuditFormat }
  | { readonly kind: 'done'; readonly rows: number; readonly fileName: string }
  | { readonly kind: 'failed'; readonly message: string };

export function useAuditExport(filter: AuditViewFilter): { state: AuditExportState; run: (format: AuditFormat) => void } {
  const feed = useAuditFeed();
  const [state, setState] = useState<AuditExportState>({ kind: 'idle' });
  // A disabled button is not enough: two clicks can land before it re-renders.
  const busy = useRef(false);

  const run = useCallback(
    (format: AuditFormat) => {
      if (busy.current) return;
      busy.current = true;
      setState({ kind: 'running', format });
      void feed.export(filter, format).then((reply) => {
        busy.current = false;
        if (!reply.ok) return setState({ kind: 'failed', message: describeAuditError(reply.error, 'export') });
        const fileName = auditFileName(format, Date.now());
        downloadText(reply.result.text, fileName, AUDIT_MIME[format]);
        setState({ kind: 'done', rows: reply.result.rows, fileName });
      });
    },
    [feed, filter],
  );

  return { state, run };
}
