import { describe, expect, test } from 'vitest';
import { classifySendError, redactUrl } from '../../../activities/email/transport';

describe('SMTP failures', () => {
  test.each([
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, permanent: true, response: '550 5.1.1 No such user' }, 'recipient', true],
    [{ code: 'EMESSAGE', command: 'DATA', responseCode: 554, permanent: true, response: '554 rejected' }, 'recipient', true],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 452, permanent: false, response: '452 mailbox full' }, 'recipient', false],
    [{ code: 'EENVELOPE', command: 'RCPT TO', responseCode: 550, response: '550 no' }, 'recipient', true],
    [{ code: 'EENVELOPE', command: 'API', message: 'Invalid recipient "x"' }, 'recipient', true],
    [{ code: 'ESOCKET', command: 'CONN', message: 'connect ECONNREFUSED 127.0.0.1:1' }, 'connection', undefined],
    [{ code: 'ETIMEDOUT', command: 'CONN', message: 'Connection timeout' }, 'connection', undefined],
    [{ code: 'EPROTOCOL', command: 'CONN', responseCode: 421, permanent: false, response: '421 try later' }, 'connection', undefined],
    [{ code: 'EAUTH', command: 'AUTH PLAIN', responseCode: 535, permanent: true, response: '535 bad login' }, 'connection', undefined],
    [{ code: 'EENVELOPE', command: 'MAIL FROM', responseCode: 550, permanent: true, response: '550 sender refused' }, 'connection', undefined],
    [new Error('something else'), 'connection', undefined],
  ])('%o → %s', (err, scope, permanent) => {
    const f = classifySendError(err);
    expect(f.scope).toBe(scope);
    if (f.scope === 'recipient') expect(f.permanent).toBe(permanent);
    expect(f.reason.length).toBeGreaterThan(0);
  });

  test('the reason is the server reply; the SMTP password never reaches a log line', () => {
    expect(classifySendError({ command: 'RCPT TO', responseCode: 550, response: '550 5.1.1 No such user\r\nmore' }).reason).toBe('550 5.1.1 No such user');
    expect(redactUrl('smtps://user:s3cret@mail.example.org:465')).toBe('smtps://user:***@mail.example.org:465');
    expect(redactUrl('smtp://mailpit:1025')).toBe('smtp://mailpit:1025');
  });
});
