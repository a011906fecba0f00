// A rotation from the command line, recorded in the data dir's audit trail as `access.rotate` by the
// operator (trader / command-line), through the console's own ledger code: a running console may
// hold the ledger open (WAL, busy timeout). Records the new token's id only, never its secret.
import type { AccessToken, Role } from '../../../src-shared/ipc/access';
import { COMMAND_LINE_PRINCIPAL } from '../../../src-shared/ipc/access';
import type { TokenStore } from '../../access/token-store';
import { OrderLedger } from '../../orders/ledger';
import { ledgerExists } from '../ledger/read-ledger';

/**
 * Rotates `role`'s token inside its audit attempt, as the console's wrapper does for access:rotate.
 * The trail never costs the rotation: without a ledger, or when it cannot be written, stderr says so.
 */
export function auditedRotation(dataDir: string, store: TokenStore, role: Role): { token: AccessToken; secret: string } {
  if (!ledgerExists(dataDir)) {
    process.stderr.write(`access: no ledger in ${dataDir} yet (no console has run there), so this rotation is not in the audit trail\n`);
    return store.rotate(role);
  }
  const unrecorded = (error: unknown): void => {
    process.stderr.write(`access: the audit trail could not record this rotation: ${error instanceof Error ? error.message : String(error)}\n`);
  };
  let ledger: OrderLedger;
  try {
    ledger = new OrderLedger(dataDir, unrecorded);
  } catch (error) {
    unrecorded(error);
    return store.rotate(role);
  }
  try {
    const attempt = ledger.audit.begin(COMMAND_LINE_PRINCIPAL, 'access.rotate', role);
    let rotated: { token: AccessToken; secret: string };
    try {
      rotated = store.rotate(role);
    } catch (error) {
      attempt.settle('INTERNAL');
      throw error;
    }
    attempt.settle('ok', { tokenId: rotated.token.id });
    return rotated;
  } finally {
    ledger.close();
  }
}
