import type { Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import type { SummaryMailer } from '@connector/sync';
import type { SmtpConfig } from '../config.ts';

/**
 * The daily summary's SMTP transport (nodemailer). One message to all recipients; nodemailer resolves only once the
 * server accepted it for every address it did not reject, and throws on a refusal or a timeout (the job retries).
 * The password goes to the transport only; errors carry the server's answer, not the credentials.
 */
export function createSmtpMailer(smtp: SmtpConfig): SummaryMailer & { close(): void } {
  // nodemailer is loaded at the first send (once a day at most), not held by a server that may never send (resting memory, issue 19).
  let transport: Promise<Transporter<SMTPTransport.SentMessageInfo>> | null = null;
  const open = () =>
    (transport ??= import('nodemailer').then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        host: smtp.host,
        port: smtp.port,
        secure: smtp.secure,
        ...(smtp.user ? { auth: { user: smtp.user, pass: smtp.password ?? '' } } : {}),
        // A stuck SMTP server must not hold the job past its lease.
        connectionTimeout: 30_000,
        greetingTimeout: 30_000,
        socketTimeout: 60_000,
      }),
    ));
  return {
    async send(mail) {
      const info = await (await open()).sendMail({ from: smtp.from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html });
      if (info.rejected.length > 0 && info.accepted.length === 0) throw new Error(`the SMTP server refused every recipient (${info.response})`);
    },
    close: () => void transport?.then((t) => t.close()),
  };
}
