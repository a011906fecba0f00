// Settings → Access: the headless host's trader and viewer tokens (ids and ages, never secrets)
// and a rotation per role. A new link is shown once, here; main ends the old token's sessions.
import { useCallback, useEffect, useState } from 'react';
import type { AccessStatus, Role } from '../../../src-shared/ipc/access';
import type { ErrorData } from '../../../src-shared/ipc/errors';
import { useBridge } from '../../app-context';
import { Panel } from '../../components/Panel';
import { accessLinkText, rotateWarning, tokenSinceText } from './access-text';

type Rotation = { role: Role; link: string } | { role: Role; error: ErrorData } | null;

export function AccessPanel() {
  const bridge = useBridge();
  const [status, setStatus] = useState<AccessStatus | null>(null);
  const [rotation, setRotation] = useState<Rotation>(null);
  const [busy, setBusy] = useState<Role | null>(null);

  const load = useCallback(() => {
    void bridge.invoke('access:status', {}).then((reply) => reply.ok && setStatus(reply.result));
  }, [bridge]);
  useEffect(load, [load]);

  const rotate = (role: Role): void => {
    setBusy(role);
    void bridge.invoke('access:rotate', { role }).then((reply) => {
      setBusy(null);
      setRotation(reply.ok ? { role, link: accessLinkText(reply.result.secret, window.location) } : { role, error: reply.error });
      load();
    });
  };

  return (
    <Panel title="Access" className="settings-panel">
      <table aria-label="Access tokens" className="grid">
        <thead>
          <tr>
            <th scope="col">Role</th>
            <th scope="col">Token id</th>
            <th scope="col">Since</th>
            <th scope="col">
              <span className="visually-hidden">Rotate</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(['trader', 'viewer'] as const).map((role) => {
            const token = status?.tokens.find((item) => item.role === role);
            return (
              <tr key={role}>
                <th scope="row">{role}</th>
                <td>{token ? token.id : <span className="muted">none yet (npm run serve creates it)</span>}</td>
                <td>{token ? tokenSinceText(token) : ''}</td>
                <td>
                  <button type="button" className="btn btn-small" disabled={busy !== null} aria-busy={busy === role || undefined} onClick={() => rotate(role)} title={rotateWarning(role, 'trader')}>
                    {`Rotate ${role} token`}
                  </button>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {rotation && 'link' in rotation ? (
        <p role="status" className="access-new-link access-file">
          <label>
            {`New ${rotation.role} link (shown once): `}
            <input readOnly aria-label={`New ${rotation.role} link`} value={rotation.link} onFocus={(event) => event.target.select()} size={60} />
          </label>
          <span className="muted">{rotateWarning(rotation.role, 'trader')}</span>
        </p>
      ) : null}
      {rotation && 'error' in rotation ? (
        <p role="alert" className="feedback feedback-error access-file">{`Not rotated (${rotation.error.code}): ${rotation.error.message}`}</p>
      ) : null}
      {status ? <p className="muted access-file">{`Kept in ${status.file}; also: npm run access -- --data-dir DIR rotate viewer`}</p> : null}
    </Panel>
  );
}
