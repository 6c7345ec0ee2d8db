import { createDecipheriv, createECDH, createHmac, randomBytes, type ECDH } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { fileURLToPath } from 'node:url';

/** The stub's self-signed certificate (localhost and 127.0.0.1); the app trusts it via PUSH_TEST_CA_FILE. */
export const PUSH_STUB_CERT = fileURLToPath(new URL('../fixtures/push-stub-cert.pem', import.meta.url));
const PUSH_STUB_KEY = fileURLToPath(new URL('../fixtures/push-stub-key.pem', import.meta.url));

export interface ReceivedPush {
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** The decrypted payload (RFC 8291 aes128gcm), parsed as JSON. */
  payload: unknown;
  /** The payload as text, exactly as the device would read it. */
  text: string;
}

/** A fake device: its keys, as PushSubscription.toJSON() gives them. */
export interface StubDevice {
  endpoint: string;
  keys: { p256dh: string; auth: string };
  ecdh: ECDH;
  authSecret: Buffer;
}

const hmac = (key: Buffer, data: Buffer): Buffer => createHmac('sha256', key).update(data).digest();

/** Decrypts an aes128gcm Web Push body for a device (RFC 8188 + RFC 8291). */
export function decryptPush(body: Buffer, device: StubDevice): string {
  const salt = body.subarray(0, 16);
  const idLength = body.readUInt8(20);
  const senderKey = body.subarray(21, 21 + idLength);
  const cipher = body.subarray(21 + idLength);
  const shared = device.ecdh.computeSecret(senderKey);
  const keyInfo = Buffer.concat([
    Buffer.from('WebPush: info\0'),
    device.ecdh.getPublicKey(),
    senderKey,
    Buffer.from([1]),
  ]);
  const ikm = hmac(hmac(device.authSecret, shared), keyInfo);
  const prk = hmac(salt, ikm);
  const cek = hmac(prk, Buffer.from('Content-Encoding: aes128gcm\0\x01', 'binary')).subarray(0, 16);
  const nonce = hmac(prk, Buffer.from('Content-Encoding: nonce\0\x01', 'binary')).subarray(0, 12);
  const decipher = createDecipheriv('aes-128-gcm', cek, nonce);
  decipher.setAuthTag(cipher.subarray(cipher.length - 16));
  const plain = Buffer.concat([decipher.update(cipher.subarray(0, cipher.length - 16)), decipher.final()]);
  // The last record ends with the delimiter 0x02, then zero padding.
  const end = plain.lastIndexOf(2);
  return plain.subarray(0, end).toString('utf8');
}

/**
 * A local https push service: it records every push it receives and decrypts it for the device
 * it was sent to. `status` sets what it answers for a path (e.g. 410 to say a device is gone).
 */
export class PushStub {
  readonly received: ReceivedPush[] = [];
  private readonly devices = new Map<string, StubDevice>();
  private readonly statuses = new Map<string, number>();
  private server: Server | null = null;
  private origin = '';

  async start(): Promise<void> {
    this.server = createServer({ cert: readFileSync(PUSH_STUB_CERT), key: readFileSync(PUSH_STUB_KEY) }, (req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const device = this.devices.get(path);
        const status = this.statuses.get(path) ?? 201;
        if (device && status < 300) {
          const text = decryptPush(Buffer.concat(chunks), device);
          this.received.push({ path, headers: req.headers, text, payload: JSON.parse(text) as unknown });
        }
        res.writeHead(status).end();
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as { port: number };
    this.origin = `https://localhost:${address.port}`;
  }

  /** A new device subscribed at this stub. */
  device(): StubDevice {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const authSecret = randomBytes(16);
    const path = `/push/${randomBytes(8).toString('hex')}`;
    const device: StubDevice = {
      endpoint: `${this.origin}${path}`,
      keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: authSecret.toString('base64url') },
      ecdh,
      authSecret,
    };
    this.devices.set(path, device);
    return device;
  }

  status(device: StubDevice, status: number): void {
    this.statuses.set(new URL(device.endpoint).pathname, status);
  }

  for(device: StubDevice): ReceivedPush[] {
    const path = new URL(device.endpoint).pathname;
    return this.received.filter((r) => r.path === path);
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
