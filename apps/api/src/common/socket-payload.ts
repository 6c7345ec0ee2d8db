import type { Server, Socket } from 'socket.io';
import { Decoder, Encoder, PacketType } from 'socket.io-parser';
import { translate } from '../i18n/i18n.js';
import { socketLocale } from './socket.js';

/** The largest event payload handled, as for an HTTP body (BODY_LIMIT). */
export const SOCKET_PAYLOAD_LIMIT = 64 * 1024;
/**
 * The largest frame the transport reads at all (engine.io's maxHttpBufferSize). Between the two
 * limits an event is answered with a `payload_too_large` ack without being parsed; only beyond
 * this one does the transport close the connection, as it must to stop reading.
 */
export const SOCKET_FRAME_LIMIT = 4 * 1024 * 1024;

/** Stands in for the payload of an event that was too large to parse. */
const TOO_LARGE = '$kindredPayloadTooLarge';

const tooLargeAck = (socket: Socket) =>
  ({
    ok: false,
    error: {
      code: 'payload_too_large',
      message: translate(socketLocale(socket), 'errors.socket.tooLarge', { limit: SOCKET_PAYLOAD_LIMIT / 1024 }),
    },
  }) as const;

/**
 * socket.io's decoder, except that an event longer than SOCKET_PAYLOAD_LIMIT is not parsed: only
 * its header (namespace, ack id) and event name are read, and its payload is replaced by a marker
 * that guardSocketPayloads answers with an error ack. Parsing a wide 1 MB payload would cost the
 * event loop, and dropping the connection would leave the client with no answer.
 */
class KindredDecoder extends Decoder {
  override add(obj: unknown): void {
    if (typeof obj === 'string' && obj.length > SOCKET_PAYLOAD_LIMIT && Number(obj[0]) === PacketType.EVENT) {
      const start = obj.indexOf('[');
      if (start > 0 && start < 200) {
        const name = /^\["((?:[^"\\]|\\.){1,100})"/.exec(obj.slice(start, start + 210));
        const event = name ? (JSON.parse(`"${name[1]}"`) as string) : 'message';
        super.add(obj.slice(0, start) + JSON.stringify([event, { [TOO_LARGE]: obj.length }]));
        return;
      }
    }
    super.add(obj);
  }
}

export const kindredParser = { Encoder, Decoder: KindredDecoder };

const isTooLarge = (payload: unknown): boolean =>
  payload !== null && typeof payload === 'object' && TOO_LARGE in payload;

/** Answers events marked by KindredDecoder with `payload_too_large` and handles them no further. */
function payloadGuard(socket: Socket, packet: unknown[], next: (error?: Error) => void): void {
  if (!packet.slice(1).some(isTooLarge)) return next();
  const ack = packet[packet.length - 1];
  if (typeof ack === 'function') (ack as (reply: unknown) => void)(tooLargeAck(socket));
}

/** Installs payloadGuard on every socket of every namespace, present and future. */
export function guardSocketPayloads(server: Server): void {
  const seen = new WeakSet<object>();
  const install = (namespace: ReturnType<Server['of']>): void => {
    if (seen.has(namespace)) return;
    seen.add(namespace);
    namespace.use((socket: Socket, next) => {
      socket.use((packet, next) => payloadGuard(socket, packet, next));
      next();
    });
  };
  server.on('new_namespace', install);
  for (const namespace of (server as unknown as { _nsps: Map<string, ReturnType<Server['of']>> })._nsps.values()) {
    install(namespace);
  }
}
