/**
 * Placeholder contacts: addresses on reserved example domains that stand in for real
 * ones until an administrator fills them in. Mail must never be sent to them.
 */
import type { Directory } from '../domain/model';
import { abbreviate, type ConfigWarning } from './errors';

/** RFC 2606 / RFC 6761 names, plus example.vn, which this project uses for its placeholders. */
const RESERVED_DOMAINS = ['example.vn', 'example.com', 'example.net', 'example.org'];
const RESERVED_TLDS = ['example', 'test', 'invalid', 'localhost'];

export function isPlaceholderEmail(address: string): boolean {
  const domain = address.slice(address.lastIndexOf('@') + 1).toLowerCase();
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return RESERVED_TLDS.includes(tld) || RESERVED_DOMAINS.some((d) => domain === d || domain.endsWith(`.${d}`));
}

/** Fills `{kind}`, `{unit}` and `{id}` in a placeholder address pattern. */
export function placeholderAddress(pattern: string, body: { id: string; kind: string; unit: string }): string {
  return pattern.replaceAll('{kind}', body.kind).replaceAll('{unit}', body.unit).replaceAll('{id}', body.id);
}

/** One warning listing every body with a placeholder contact, or none. */
export function placeholderWarning(directory: Directory, file: string): ConfigWarning | undefined {
  const ids = directory.bodies.filter((b) => b.contacts.some((c) => c.placeholder)).map((b) => b.id);
  if (ids.length === 0) return undefined;
  const total = directory.bodies.length;
  return {
    code: 'placeholder-contacts',
    file,
    ids,
    message:
      `${ids.length} of ${total} bodies have placeholder contacts on reserved example domains, ` +
      `so no mail will reach them until real addresses are configured: ${abbreviate(ids)}`,
  };
}
