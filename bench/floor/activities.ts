/**
 * The floor's one activity: a prebuilt message (raw bytes and envelope, as the sink received
 * them from dondoc) sent on a pooled nodemailer transport with dondoc's pool settings.
 */
import * as fs from 'node:fs';
import * as nodemailer from 'nodemailer';

export interface PrebuiltMessage {
  /** base64 of the raw message. */
  raw: string;
  envelope: { from: string; to: string[] };
}

export function floorActivities(messagesFile: string, smtpUrl: string) {
  const messages = (JSON.parse(fs.readFileSync(messagesFile, 'utf8')) as PrebuiltMessage[]).map((m) => ({ raw: Buffer.from(m.raw, 'base64'), envelope: m.envelope }));
  const { hostname, port } = new URL(smtpUrl);
  // As activities/email/transport.ts: pooled, 3 connections.
  const transporter = nodemailer.createTransport({ host: hostname, port: Number(port), pool: true, maxConnections: 3 });
  return {
    activities: {
      async sendPrebuilt(i: number): Promise<void> {
        const m = messages[i % messages.length]!;
        await transporter.sendMail({ envelope: m.envelope, raw: m.raw });
      },
    },
    close: () => transporter.close(),
  };
}

export type FloorActivities = ReturnType<typeof floorActivities>['activities'];
