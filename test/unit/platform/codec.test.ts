/**
 * The payload codec (platform/codec.ts): what reaches Temporal is ciphertext that names its
 * key; what comes back decodes with any key still listed; payloads from before the codec pass
 * through; anything altered, or under a key no longer listed, is refused with a reason.
 */
import * as crypto from 'node:crypto';
import { defaultPayloadConverter, type Payload } from '@temporalio/common';
import { describe, expect, test } from 'vitest';
import { AesGcmCodec, dataConverterOf, ENCRYPTED_ENCODING, KEY_ID_METADATA, PayloadDecryptionError } from '../../../platform/codec';
import type { PayloadKey } from '../../../platform/secrets';

const keyOf = (id: string): PayloadKey => ({ id, key: crypto.createHash('sha256').update(`test key ${id}`).digest() });
const NEW = keyOf('2025-06');
const OLD = keyOf('2024-01');
const text = (b: Uint8Array | undefined | null) => Buffer.from(b ?? []).toString('utf8');

const resolution = { by: 'Hoàng Thị Lan (Ủy ban MTTQ xã Biên Sơn)', note: 'Đã họp ngày 12/9/2024', evidence: 'Biên bản số 12' };
const clear = (): Payload => defaultPayloadConverter.toPayload(resolution)!;

describe('AES-256-GCM payload codec', () => {
  test('encodes to ciphertext that names its key and keeps none of the text; decodes back to the same payload', async () => {
    const codec = new AesGcmCodec([NEW]);
    const [encoded] = await codec.encode([clear()]);
    expect(text(encoded!.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded!.metadata![KEY_ID_METADATA])).toBe('2025-06');
    expect(Object.keys(encoded!.metadata!).sort()).toEqual(['encoding', KEY_ID_METADATA]);
    for (const word of ['Hoàng Thị Lan', 'Biên Sơn', 'json/plain', 'Biên bản']) expect(Buffer.from(encoded!.data!).includes(Buffer.from(word))).toBe(false);
    const [decoded] = await codec.decode([encoded!]);
    expect(defaultPayloadConverter.fromPayload(decoded!)).toEqual(resolution);
    expect(text(decoded!.metadata!.encoding)).toBe('json/plain');
    // A fresh IV each time: the same payload never encrypts to the same bytes.
    const [again] = await codec.encode([clear()]);
    expect(Buffer.from(again!.data!).equals(Buffer.from(encoded!.data!))).toBe(false);
  });

  test('a payload from before the codec (unencrypted) passes through unchanged', async () => {
    const payload = clear();
    expect(await new AesGcmCodec([NEW]).decode([payload])).toEqual([payload]);
  });

  test('rotation: a payload encrypted with a retired key decodes while that key is listed, and is refused once it is not', async () => {
    const [old] = await new AesGcmCodec([OLD]).encode([clear()]);
    const rotated = new AesGcmCodec([NEW, OLD]);
    expect(rotated.keyId).toBe('2025-06');
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([old!]))[0]!)).toEqual(resolution);
    const [fresh] = await rotated.encode([clear()]);
    expect(text(fresh!.metadata![KEY_ID_METADATA])).toBe('2025-06');
    await expect(new AesGcmCodec([NEW]).decode([old!])).rejects.toThrow(new PayloadDecryptionError('payload encrypted with key "2024-01", which DONDOC_PAYLOAD_KEYS does not list'));
  });

  test('an altered ciphertext, or a key id swapped for another listed key, does not decode', async () => {
    const codec = new AesGcmCodec([NEW, OLD]);
    const [encoded] = await codec.encode([clear()]);
    const data = Buffer.from(encoded!.data!);
    data[20] = data[20]! ^ 1;
    await expect(codec.decode([{ ...encoded!, data }])).rejects.toThrow(/does not authenticate with key "2025-06"/);
    const relabelled = { ...encoded!, metadata: { ...encoded!.metadata, [KEY_ID_METADATA]: Buffer.from('2024-01') } };
    await expect(codec.decode([relabelled])).rejects.toThrow(/does not authenticate with key "2024-01"/);
  });

  test('no keys: no data converter (Temporal\'s default, payloads in clear)', () => {
    expect(dataConverterOf(undefined)).toBeUndefined();
    expect(dataConverterOf([])).toBeUndefined();
    const converter = dataConverterOf([NEW]);
    expect(converter?.payloadCodecs?.[0]).toBeInstanceOf(AesGcmCodec);
    expect(converter?.failureConverterPath).toMatch(/workflows[/\\]failure-converter\.js$/);
  });
});
