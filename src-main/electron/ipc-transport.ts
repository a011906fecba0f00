// Electron IPC transport of the contract: one ipcMain handler per invoke channel, all through the
// shared router; events go to every window. Only the main frame of our own page may invoke:
// subframes, pages at other URLs and destroyed frames are refused before the router sees them.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { DESKTOP_PRINCIPAL } from '../../src-shared/ipc/access';
import { INVOKE_CHANNELS } from '../../src-shared/ipc/channels';
import { fail } from '../../src-shared/ipc/errors';
import type { Disposable } from '../../src-shared/util/emitter';
import type { EventPublisher } from '../ipc/event-publisher';
import type { Router } from '../ipc/router';

export function attachIpcTransport(
  ipcMain: IpcMain,
  router: Router,
  events: EventPublisher,
  targets: () => WebContents[],
  isTrustedUrl: (url: string) => boolean,
): Disposable {
  for (const channel of INVOKE_CHANNELS) {
    ipcMain.handle(channel, (event: IpcMainInvokeEvent, input: unknown) => {
      const refused = refusal(event, isTrustedUrl);
      if (refused) return fail({ code: 'UNAUTHORIZED', message: refused });
      return router.invoke(channel, input, DESKTOP_PRINCIPAL);
    });
  }
  const subscription = events.onDidPublish(({ channel, payload }) => {
    for (const contents of targets()) if (!contents.isDestroyed()) contents.send(channel, payload);
  });
  return {
    dispose() {
      subscription.dispose();
      for (const channel of INVOKE_CHANNELS) ipcMain.removeHandler(channel);
    },
  };
}

/** Why a sender is refused, or undefined when it is the main frame of our renderer. */
function refusal(event: Pick<IpcMainInvokeEvent, 'senderFrame'>, isTrustedUrl: (url: string) => boolean): string | undefined {
  const frame = event.senderFrame;
  if (!frame) return 'IPC from a frame that no longer exists refused';
  if (frame.parent !== null) return `IPC from a subframe refused: ${frame.url}`;
  if (!isTrustedUrl(frame.url)) return `IPC from an untrusted page refused: ${frame.url}`;
  return undefined;
}
