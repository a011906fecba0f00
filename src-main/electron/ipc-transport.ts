// Electron IPC transport of the contract: one ipcMain handler per invoke channel, all through the
// shared router; events go to every window. Requests from frames not our own are refused.
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
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
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedUrl(url)) return fail({ code: 'UNAUTHORIZED', message: `IPC from an untrusted frame refused: ${url}` });
      return router.invoke(channel, input);
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
