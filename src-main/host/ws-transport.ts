// The WebSocket transport of the IPC contract: each socket may invoke through the same router as
// Electron IPC and receives every published event. Bad frames get an error reply; nothing crashes.
import type { WebSocket } from 'ws';
import { z } from 'zod';
import type { WsServerMessage } from '../../src-shared/ipc/bridge-api';
import type { Disposable } from '../../src-shared/util/emitter';
import type { EventPublisher } from '../ipc/event-publisher';
import type { Router } from '../ipc/router';

const ClientMessage = z.object({
  type: z.literal('invoke'),
  id: z.number().int().nonnegative(),
  channel: z.string().max(100),
  input: z.unknown(),
});

export function serveWebSocket(socket: WebSocket, router: Router, events: EventPublisher): Disposable {
  const send = (message: WsServerMessage): void => {
    if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message));
  };
  const subscription = events.onDidPublish((message) => send({ type: 'event', ...message }));
  socket.on('message', (data, isBinary) => {
    void (async () => {
      let parsed: z.infer<typeof ClientMessage>;
      try {
        if (isBinary) throw new Error('binary frames are not accepted');
        parsed = ClientMessage.parse(JSON.parse(String(data)));
      } catch {
        send({ type: 'reply', id: -1, result: { ok: false, error: { code: 'BAD_INPUT', message: 'Malformed message: expected {type:"invoke", id, channel, input} as JSON text.' } } });
        return;
      }
      send({ type: 'reply', id: parsed.id, result: await router.invoke(parsed.channel, parsed.input) });
    })();
  });
  socket.on('close', () => subscription.dispose());
  socket.on('error', () => subscription.dispose());
  return subscription;
}
