import nodemailer from 'nodemailer';
import type { SummaryMailer } from '@connector/sync';
import type { SmtpConfig } from '../config.ts';

/**
 * The daily summary's SMTP transport (nodemailer). One message to all recipients; nodemailer resolves only once the
 * server accepted it for every address it did not reject, and throws on a refusal or a timeout (the job retries).
 * The password goes to the transport only; errors carry the server's answer, not the credentials.
 */
export function createSmtpMailer(smtp: SmtpConfig): SummaryMailer & { close(): void } {
  const transport = nodemailer.createTransport({
    host: smtp.host,
    port: smtp.port,
    secure: smtp.secure,
    ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
    // A stuck SMTP server must not hold the job past its lease.
    connectionTimeout: 30_000,
    greetingTimeout: 30_000,
    socketTimeout: 60_000,
  });
  return {
    async send(mail) {
      const info = await transport.sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      if (info.rejected.length > 0 && info.accepted.length === 0) throw new Error(`the SMTP server refused every recipient (${info.response})`);
    },
    close: () => transport.close(),
  };
}
