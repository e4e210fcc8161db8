/**
 * The payload codec: what dondoc writes into Temporal — workflow inputs and results, Update
 * arguments and results, query results, memos, the UI's summaries, failure messages — is
 * encrypted with AES-256-GCM before it leaves the process, so a history read on the server
 * (or on Temporal Cloud) shows ciphertext. Search attributes stay clear: they are for
 * filtering, and hold ids and codes only (workflows/search-attributes.ts).
 *
 * An encrypted payload's metadata says `encoding: binary/encrypted` and the id of its key
 * (`encryption-key-id`); its data is the 12-byte IV, the ciphertext of the original payload
 * (the protobuf encoding of the whole Payload, metadata included) and the 16-byte tag. The
 * key id is authenticated too. Keys come from DONDOC_PAYLOAD_KEYS (platform/secrets.ts): the
 * first encrypts, every key listed decrypts — a rotation adds a new first key and keeps the
 * old ones listed while histories encrypted with them are read. Payloads that are not
 * encrypted (written before the codec was turned on) pass through unchanged.
 *
 * Client, worker, CLI and web pages all take their data converter from `dataConverterOf`.
 */
import * as crypto from 'node:crypto';
import * as path from 'node:path';
import type { DataConverter, Payload, PayloadCodec } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import type { PayloadKey } from './secrets';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const KEY_ID_METADATA = 'encryption-key-id';
const CIPHER = 'aes-256-gcm';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const AAD = 'dondoc-payload.v1:';

const utf8 = (s: string) => new TextEncoder().encode(s);
const text = (b: Uint8Array | null | undefined) => (b ? Buffer.from(b).toString('utf8') : undefined);

export class PayloadDecryptionError extends Error {}

export class AesGcmCodec implements PayloadCodec {
  private readonly keys: Map<string, Buffer>;
  private readonly current: PayloadKey;

  constructor(keys: readonly PayloadKey[]) {
    if (keys.length === 0) throw new RangeError('the payload codec needs at least one key');
    this.current = keys[0]!;
    this.keys = new Map(keys.map((k) => [k.id, k.key]));
  }

  /** The id of the key that encrypts. */
  get keyId(): string {
    return this.current.id;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.encrypt(p));
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((p) => this.decrypt(p));
  }

  private encrypt(payload: Payload): Payload {
    const { id, key } = this.current;
    const iv = crypto.randomBytes(IV_BYTES);
    const cipher = crypto.createCipheriv(CIPHER, key, iv, { authTagLength: TAG_BYTES });
    cipher.setAAD(Buffer.from(AAD + id, 'utf8'));
    const plain = temporal.api.common.v1.Payload.encode(payload).finish();
    const data = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
    return { metadata: { encoding: utf8(ENCRYPTED_ENCODING), [KEY_ID_METADATA]: utf8(id) }, data };
  }

  private decrypt(payload: Payload): Payload {
    if (text(payload.metadata?.encoding) !== ENCRYPTED_ENCODING) return payload;
    const id = text(payload.metadata?.[KEY_ID_METADATA]) ?? '';
    const key = this.keys.get(id);
    if (!key) throw new PayloadDecryptionError(`payload encrypted with key ${JSON.stringify(id)}, which DONDOC_PAYLOAD_KEYS does not list`);
    const data = Buffer.from(payload.data ?? []);
    if (data.length < IV_BYTES + TAG_BYTES) throw new PayloadDecryptionError(`encrypted payload too short (${data.length} bytes)`);
    const decipher = crypto.createDecipheriv(CIPHER, key, data.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(AAD + id, 'utf8'));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    let plain: Buffer;
    try {
      plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
    } catch {
      throw new PayloadDecryptionError(`encrypted payload does not authenticate with key ${JSON.stringify(id)} (altered, or another key with that id)`);
    }
    const inner = temporal.api.common.v1.Payload.decode(plain);
    return { metadata: inner.metadata ?? {}, data: inner.data ?? new Uint8Array() };
  }
}

/**
 * Failure messages and stack traces carried as an encoded payload (so the codec encrypts them):
 * the module both the workflow bundle and the processes load (workflows/failure-converter.js).
 */
export const ENCODED_FAILURE_CONVERTER = path.join(__dirname, '..', 'workflows', 'failure-converter.js');

/** The data converter of every client and worker: encrypting when keys are configured, Temporal's default otherwise. */
export function dataConverterOf(keys: readonly PayloadKey[] | undefined): DataConverter | undefined {
  if (!keys?.length) return undefined;
  return { payloadCodecs: [new AesGcmCodec(keys)], failureConverterPath: ENCODED_FAILURE_CONVERTER };
}

/** One line for the start banners: whether payloads are encrypted, and with which key. */
export function describeEncryption(keys: readonly PayloadKey[] | undefined): string {
  if (!keys?.length) return 'off: payloads in clear in Temporal (set DONDOC_PAYLOAD_KEYS to encrypt them)';
  const older = keys.length - 1;
  return `AES-256-GCM, key ${keys[0]!.id}${older ? ` (${older} older key${older > 1 ? 's' : ''} still decrypt)` : ''}`;
}
