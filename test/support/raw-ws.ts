// A WebSocket client written on a bare TCP socket, for what a well-behaved library will not do:
// ignore the server's close frame and keep sending, or reset the connection mid-handshake.
import { randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import type { Socket } from 'node:net';

/** One masked client text frame. */
export function textFrame(text: string): Buffer {
  const payload = Buffer.from(text);
  const mask = randomBytes(4);
  const length = payload.length < 126 ? Buffer.from([0x80 | payload.length]) : Buffer.from([0x80 | 126, payload.length >> 8, payload.length & 0xff]);
  const masked = payload.map((byte, i) => byte ^ (mask[i % 4] ?? 0));
  return Buffer.concat([Buffer.from([0x81]), length, mask, masked]);
}

/** Sends an upgrade request for `path` and resolves with the socket and the server's status line. */
export function rawUpgrade(port: number, path: string): Promise<{ socket: Socket; status: string; received: () => string }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    socket.on('error', () => undefined);
    socket.once('connect', () =>
      socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`),
    );
    socket.on('data', (chunk: Buffer) => {
      const first = data === '';
      data += chunk.toString('latin1');
      if (first) resolve({ socket, status: data.split('\r\n')[0] ?? '', received: () => data });
    });
    setTimeout(() => reject(new Error('no answer to the upgrade within 5 s')), 5000).unref();
  });
}
