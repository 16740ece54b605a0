import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSmtpMailer } from './create-smtp-mailer.ts';
import { startSmtpCatcher, type SmtpCatcher } from './start-smtp-catcher.ts';

// The daily summary's SMTP transport against a real SMTP server (the local catcher), with a password.
describe('createSmtpMailer', () => {
  let catcher: SmtpCatcher;
  beforeAll(async () => {
    catcher = await startSmtpCatcher({ auth: { user: 'connector', password: 's3cret pass' } });
  });
  afterAll(async () => catcher.close());
  const smtp = (password: string) => ({
    host: '127.0.0.1',
    port: catcher.port,
    secure: false,
    user: 'connector',
    password,
    from: 'Connector <connector@example.com>',
  });

  it('delivers text and HTML to every recipient, signed in with the password', async () => {
    const mailer = createSmtpMailer(smtp('s3cret pass'));
    await mailer.send({
      to: ['ann@example.com', 'bob@example.com'],
      subject: 'Summit — 3 synced ≈ ok',
      text: 'Next run ≈ 07:15\nline two',
      html: '<p>Next run ≈ 07:15</p>',
    });
    mailer.close();
    const mail = catcher.messages.at(-1)!;
    expect(mail).toMatchObject({ from: 'connector@example.com', to: ['ann@example.com', 'bob@example.com'], subject: 'Summit — 3 synced ≈ ok' });
    expect(mail.text).toBe('Next run ≈ 07:15\nline two');
    expect(mail.html).toBe('<p>Next run ≈ 07:15</p>');
  });

  it('throws when the server refuses, or the password is wrong, and the error does not carry the password', async () => {
    const before = catcher.messages.length;
    catcher.refuseNext(1);
    const mailer = createSmtpMailer(smtp('s3cret pass'));
    await expect(mailer.send({ to: ['ann@example.com'], subject: 's', text: 't', html: '<p>t</p>' })).rejects.toThrow(/451|try again/i);
    mailer.close();
    const wrong = createSmtpMailer(smtp('not it'));
    const error = await wrong.send({ to: ['ann@example.com'], subject: 's', text: 't', html: '<p>t</p>' }).catch((e: unknown) => e);
    wrong.close();
    expect(String(error)).toMatch(/535|Invalid/);
    expect(String(error)).not.toContain('not it');
    expect(catcher.messages.length).toBe(before);
  });
});
