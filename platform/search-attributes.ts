import type { Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';
import { status } from '@grpc/grpc-js';
import { ALL_SEARCH_ATTRIBUTES } from '../workflows/search-attributes';

/**
 * Registers dondoc's search attributes through the operator service, adding only those the
 * namespace lacks. Works on a fresh or an existing server alike (the dev server's
 * `--search-attribute` flag only applies when its database file is created).
 * Returns the names it added.
 */
export async function ensureSearchAttributes(connection: Connection, namespace: string): Promise<string[]> {
  const add = (keys: typeof ALL_SEARCH_ATTRIBUTES) =>
    connection.operatorService.addSearchAttributes({
      namespace,
      searchAttributes: Object.fromEntries(
        keys.map((key) => [key.name, temporal.api.enums.v1.IndexedValueType[`INDEXED_VALUE_TYPE_${key.type}`]]),
      ),
    });
  let existing;
  try {
    existing = await connection.operatorService.listSearchAttributes({ namespace });
  } catch (err) {
    // The Java time-skipping test server can add search attributes but not list them: a second
    // call finds them there already.
    if ((err as { code?: number }).code !== status.UNIMPLEMENTED) throw err;
    try {
      await add(ALL_SEARCH_ATTRIBUTES);
    } catch (e) {
      if ((e as { code?: number }).code === status.ALREADY_EXISTS) return [];
      throw e;
    }
    return ALL_SEARCH_ATTRIBUTES.map((key) => key.name);
  }
  const known = new Set([
    ...Object.keys(existing.customAttributes ?? {}),
    ...Object.keys(existing.systemAttributes ?? {}),
  ]);
  const missing = ALL_SEARCH_ATTRIBUTES.filter((key) => !known.has(key.name));
  if (missing.length === 0) return [];
  await add(missing);
  // Visibility picks the new attributes up asynchronously: wait until they are listed.
  for (let i = 0; i < 50; i++) {
    const now = await connection.operatorService.listSearchAttributes({ namespace });
    if (missing.every((key) => key.name in (now.customAttributes ?? {}))) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return missing.map((key) => key.name);
}
