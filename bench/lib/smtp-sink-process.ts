/**
 * A lean loopback SMTP sink in its own process (smtp-server, no parsing beyond a few
 * headers), so that the sender under test and the sink do not share an event loop. Keeps
 * each message's arrival time and raw bytes; the parent asks for them over IPC.
 *
 *   fork → {type:'listening', port};  {type:'report'} → {type:'report', messages:[{at, messageId, occurrence, step, from, to}]}
 *   {type:'raw'} → {type:'raw', raw:[base64…]} (for resending the same messages);  {type:'clear'}
 */
import { SMTPServer } from 'smtp-server';
import type { Received } from './sink-client';


const received: Received[] = [];
const raws: Buffer[] = [];

/** A header's value, its folded lines joined (a digest's X-Dondoc-Occurrence lists several ids). */
const header = (head: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'mi').exec(head.replace(/\r\n[ \t]+/g, ' '))?.[1]?.trim() ?? '';

const server = new SMTPServer({
  logger: false,
  disabledCommands: ['STARTTLS', 'AUTH'],
  authOptional: true,
  size: 10 * 1024 * 1024,
  maxClients: 1000,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => {
      const at = Date.now();
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf('\r\n\r\n');
      const head = raw.subarray(0, end < 0 ? Math.min(raw.length, 8192) : end).toString('utf8');
      received.push({
        at,
        messageId: header(head, 'Message-ID'),
        occurrence: header(head, 'X-Dondoc-Occurrence'),
        step: header(head, 'X-Dondoc-Step'),
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
        to: session.envelope.rcptTo.map((r) => r.address),
      });
      raws.push(raw);
      callback();
    });
  },
});
server.on('error', () => {});
server.listen(0, '127.0.0.1', () => {
  const addr = server.server.address() as { port: number };
  process.send?.({ type: 'listening', port: addr.port });
});
process.on('message', (m: { type?: string }) => {
  if (m?.type === 'report') process.send?.({ type: 'report', messages: received });
  if (m?.type === 'raw') process.send?.({ type: 'raw', raw: raws.map((r) => r.toString('base64')) });
  if (m?.type === 'clear') {
    received.length = 0;
    raws.length = 0;
    process.send?.({ type: 'cleared' });
  }
  if (m?.type === 'count') process.send?.({ type: 'count', count: received.length });
  if (m?.type === 'close') server.close(() => process.exit(0));
});
process.on('disconnect', () => process.exit(0));
