// Who this session is, in the top bar: a support link says "Viewer · read-only", so nobody wonders
// why there is no Trade view. Nothing while main has not said yet.
import { useConnection } from '../../app-context';

export function RoleBadge() {
  const principal = useConnection((state) => state.principal);
  if (!principal) return null;
  const viewer = principal.role === 'viewer';
  return (
    <p className={viewer ? 'role-badge role-viewer' : 'role-badge'} aria-label="Signed in as" title={`token ${principal.tokenId}`}>
      {viewer ? 'Viewer · read-only' : principal.tokenId === 'desktop' ? 'Trader · this desktop' : 'Trader'}
    </p>
  );
}
