/**
 * Test directories whose bodies have real (non-placeholder) addresses: SMTP never sends to
 * placeholders, so tests that read what arrived give every body `<body id>@lucngan.test`.
 */
import type { Config } from '../../domain/model';

export const TEST_MAIL_DOMAIN = 'lucngan.test';

/** `base` with one real contact per body, `<body id>@lucngan.test` unless `override` names another. */
export function withRealContacts(base: Config, override: Record<string, string> = {}): Config {
  return {
    ...base,
    directory: {
      ...base.directory,
      bodies: base.directory.bodies.map((b) => ({
        ...b,
        contacts: [{ name: 'Nguyễn Văn An', role: 'Chánh Văn phòng', email: override[b.id] ?? `${b.id}@${TEST_MAIL_DOMAIN}`, placeholder: false }],
      })),
    },
  };
}
