/**
 * Test directories whose bodies have real (non-placeholder) addresses: SMTP never sends to
 * placeholders, so tests that read what arrived give every body `<body id>@lucngan.test`.
 */
import { withOneAddressPerBody } from '../../config/one-address-per-body';
import type { Config } from '../../domain/model';

export const TEST_MAIL_DOMAIN = 'lucngan.test';

/** `base` with one real contact per body, `<body id>@lucngan.test` unless `override` names another. */
export const withRealContacts = (base: Config, override: Record<string, string> = {}): Config => withOneAddressPerBody(base, TEST_MAIL_DOMAIN, override);
