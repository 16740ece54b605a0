import { SMTPServer } from 'smtp-server';

/** One message the catcher received, decoded enough to read: envelope, subject, and the text and HTML parts. */
export interface CaughtMail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
  at: string;
}

export interface SmtpCatcher {
  port: number;
  /** SMTP_URL for the server: smtp://user:password@127.0.0.1:<port> (with the credentials it was started with). */
  url: string;
  messages: CaughtMail[];
  /** The next `count` messages are refused with a temporary 451 (what a busy or broken SMTP server answers). */
  refuseNext(count: number): void;
  close(): Promise<void>;
}

/**
 * A real SMTP server on 127.0.0.1 that keeps what it receives in memory (smtp-server, from the nodemailer project):
 * the demo's and the tests' mail catcher, so the summary goes over SMTP exactly as in production, not through a mock.
 * With `auth`, it accepts only those credentials (plain AUTH on a local connection, no TLS).
 */
export async function startSmtpCatcher(
  options: { port?: number; auth?: { user: string; password: string }; keep?: number; onMessage?: (mail: CaughtMail) => void } = {},
): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  let refusals = 0;
  const keep = options.keep ?? 200;
  const server = new SMTPServer({
    secure: false,
    disabledCommands: options.auth ? ['STARTTLS'] : ['STARTTLS', 'AUTH'],
    authOptional: !options.auth,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (options.auth && auth.username === options.auth.user && auth.password === options.auth.password) return callback(null, { user: auth.username });
      return callback(Object.assign(new Error('Invalid username or password'), { responseCode: 535 }));
    },
    onMailFrom(_address, _session, callback) {
      if (refusals > 0) {
        refusals -= 1;
        return callback(Object.assign(new Error('Service busy, try again later'), { responseCode: 451 }));
      }
      return callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        const from = session.envelope.mailFrom ? session.envelope.mailFrom.address : '';
        const mail = { ...readMessage(raw), from, to: session.envelope.rcptTo.map((r) => r.address), raw, at: new Date().toISOString() };
        messages.push(mail);
        options.onMessage?.(mail);
        if (messages.length > keep) messages.splice(0, messages.length - keep);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const address = server.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const credentials = options.auth ? `${encodeURIComponent(options.auth.user)}:${encodeURIComponent(options.auth.password)}@` : '';
  return {
    port,
    url: `smtp://${credentials}127.0.0.1:${port}`,
    messages,
    refuseNext(count) {
      refusals = count;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Subject, text and HTML of a MIME message as nodemailer writes it (multipart/alternative; quoted-printable or base64). */
function readMessage(raw: string): { subject: string; text: string; html: string } {
  const [head = '', body = ''] = splitHead(raw);
  const headers = parseHeaders(head);
  const subject = decodeWords(headers['subject'] ?? '');
  const parts: Array<{ type: string; content: string }> = [];
  const boundary = /boundary="?([^";]+)"?/i.exec(headers['content-type'] ?? '')?.[1];
  if (boundary) {
    for (const section of body.split(`--${boundary}`).slice(1)) {
      if (section.startsWith('--')) break;
      const [partHead = '', partBody = ''] = splitHead(section.replace(/^\r?\n/, ''));
      const h = parseHeaders(partHead);
      parts.push({
        type: (h['content-type'] ?? 'text/plain').split(';')[0]!.trim().toLowerCase(),
        content: decodeBody(partBody, h['content-transfer-encoding']),
      });
    }
  } else {
    parts.push({
      type: (headers['content-type'] ?? 'text/plain').split(';')[0]!.trim().toLowerCase(),
      content: decodeBody(body, headers['content-transfer-encoding']),
    });
  }
  return {
    subject,
    text: parts.find((p) => p.type === 'text/plain')?.content ?? '',
    html: parts.find((p) => p.type === 'text/html')?.content ?? '',
  };
}

function splitHead(raw: string): [string, string] {
  const at = raw.search(/\r?\n\r?\n/);
  if (at < 0) return [raw, ''];
  const gap = /\r?\n\r?\n/.exec(raw.slice(at))![0].length;
  return [raw.slice(0, at), raw.slice(at + gap)];
}

function parseHeaders(head: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** A part's content with SMTP's CRLF line ends read as \n. */
function decodeBody(body: string, encoding: string | undefined): string {
  const content = body.replace(/\r?\n$/, '');
  switch ((encoding ?? '').toLowerCase()) {
    case 'base64':
      return Buffer.from(content.replace(/\s+/g, ''), 'base64').toString('utf8').replace(/\r\n/g, '\n');
    case 'quoted-printable':
      return decodeQuotedPrintable(content).replace(/\r\n/g, '\n');
    default:
      return content.replace(/\r\n/g, '\n');
  }
}

function decodeQuotedPrintable(text: string): string {
  const bytes: number[] = [];
  const soft = text.replace(/=\r?\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i]!;
    if (ch === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(...Buffer.from(ch, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}

/** RFC 2047 encoded words (=?UTF-8?Q?…?= / =?UTF-8?B?…?=), as nodemailer writes a non-ASCII subject. */
function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g, (_all, _charset: string, kind: string, data: string) =>
      kind.toUpperCase() === 'B' ? Buffer.from(data, 'base64').toString('utf8') : decodeQuotedPrintable(data.replace(/_/g, ' ')),
    );
}
