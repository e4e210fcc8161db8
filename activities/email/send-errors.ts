/**
 * What a failed send means: one recipient for good, one recipient for now, or the connection
 * or account (nothing goes through now, nobody's fault). The notifier decides from it what to
 * record, what to retry and what to report.
 */
export type SendFailure =
  /** This recipient, for good (5xx to RCPT TO or DATA, an invalid address). */
  | { scope: 'recipient'; permanent: true; reason: string }
  /** This recipient, for now (4xx to RCPT TO or DATA): the others can still be tried. */
  | { scope: 'recipient'; permanent: false; reason: string }
  /**
   * The connection or the account (refused, timed out, 421, TLS, login, sender refused):
   * nothing will go through now and nothing is the recipient's fault, so it is retried.
   */
  | { scope: 'connection'; reason: string };

interface SmtpError {
  code?: string;
  command?: string;
  response?: string;
  responseCode?: number;
  permanent?: boolean;
  message?: string;
}

function firstLine(s: string): string {
  return s.split(/\r?\n/)[0]!.trim();
}

export function classifySendError(err: unknown): SendFailure {
  const e = (err ?? {}) as SmtpError;
  const reason = firstLine(e.response ?? e.message ?? String(err));
  const command = (e.command ?? '').toUpperCase();
  if (e.code === 'EENVELOPE' && command === 'API' && /recipient/i.test(e.message ?? '')) {
    return { scope: 'recipient', permanent: true, reason: `địa chỉ không hợp lệ (${firstLine(e.message ?? '')})` };
  }
  if (typeof e.responseCode === 'number' && (command === 'RCPT TO' || command === 'DATA')) {
    const permanent = e.permanent ?? (e.responseCode >= 500 && e.responseCode !== 503);
    return permanent ? { scope: 'recipient', permanent: true, reason } : { scope: 'recipient', permanent: false, reason };
  }
  const cause = e.code ? `${e.code}: ` : '';
  return { scope: 'connection', reason: `${cause}${reason}` };
}
