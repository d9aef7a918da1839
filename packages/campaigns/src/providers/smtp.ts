import { Readable } from "node:stream";
import MailComposer from "nodemailer/lib/mail-composer";
import SMTPConnection from "nodemailer/lib/smtp-connection";
import type { ChannelProvider, OutgoingMessage, ResolveOutcome, SendOutcome } from "./provider.ts";

export type SmtpProviderOptions = {
  /** smtp://user:pass@host:587 or smtps://…:465 (SMTP_URL) */
  smtpUrl: string;
  /** the From header (MAIL_FROM), e.g. "Dangol <dangol@example.com>" */
  from: string;
  chunkSize?: number;
  /** socket timeouts (ms); a stuck server must not hold a batch for minutes */
  timeoutMs?: number;
};

/** Recipient refusals that say the mailbox itself is wrong: 550 no such user, 551 not local, 553 bad name. */
const BAD_MAILBOX = new Set([550, 551, 553]);

type SmtpError = Error & { code?: string; responseCode?: number; command?: string; response?: string };

/**
 * E-mail through SMTP, one message at a time over one kept-open connection (reopened when it
 * drops). nodemailer's SMTPConnection is used directly instead of a pooled transport because the
 * provider must know whether the message body was handed over: before the server's 354 a failure
 * is a clean "not sent" (retried with backoff), after it nobody knows, so the error propagates and
 * the chunk stays CLAIMED for `resolve`. The body is a stream that the connection only reads once
 * the server asked for it, which is exactly that line.
 */
export function smtpProvider(options: SmtpProviderOptions): Extract<ChannelProvider, { kind: "remote" }> {
  const url = new URL(options.smtpUrl);
  const secure = url.protocol === "smtps:";
  const timeout = options.timeoutMs ?? 30_000;
  const auth = url.username
    ? { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) }
    : undefined;
  const fromAddress = /<([^>]+)>/.exec(options.from)?.[1] ?? options.from.trim();
  const domain = /@([A-Za-z0-9.-]+)$/.exec(fromAddress)?.[1] ?? "dangol.invalid";
  let open: Promise<SMTPConnection> | undefined;

  const connect = (): Promise<SMTPConnection> => {
    if (open) return open;
    const opening: Promise<SMTPConnection> = new Promise<SMTPConnection>((resolve, reject) => {
      const connection = new SMTPConnection({
        host: url.hostname,
        port: url.port ? Number(url.port) : secure ? 465 : 25,
        secure,
        connectionTimeout: timeout,
        greetingTimeout: timeout,
        socketTimeout: timeout,
        // A local catcher (Mailpit, maildev) offers no certificate worth checking.
        tls: { rejectUnauthorized: !["127.0.0.1", "localhost", "::1"].includes(url.hostname) },
      });
      // Only this connection's own promise: a later one may already have replaced it.
      const forget = () => {
        if (open === opening) open = undefined;
      };
      // Without a listener an 'error' event would take the worker down. A failed connect is reported
      // only as this event (connect's callback waits for a 'connect' that never comes).
      let ready = false;
      connection.on("error", (err) => {
        forget();
        if (!ready) reject(err);
      });
      connection.on("end", forget);
      connection.connect((err) => {
        if (err) {
          forget();
          connection.close();
          return reject(err);
        }
        if (!auth) {
          ready = true;
          return resolve(connection);
        }
        connection.login(auth, (loginErr) => {
          if (!loginErr) {
            ready = true;
            return resolve(connection);
          }
          forget();
          connection.close();
          reject(loginErr);
        });
      });
    });
    open = opening;
    return opening;
  };

  const sendOne = async (message: OutgoingMessage): Promise<SendOutcome> => {
    const raw = await compose(message, options.from, domain);
    let connection: SMTPConnection;
    try {
      connection = await connect();
    } catch (error) {
      return refused(message, error as SmtpError);
    }
    let handedOver = false;
    const body = new Readable({
      read() {
        handedOver = true;
        this.push(raw);
        this.push(null);
      },
    });
    return new Promise<SendOutcome>((resolve, reject) => {
      connection.send({ from: fromAddress, to: [message.to] }, body, (err, info) => {
        if (!err) {
          resolve({
            contactId: message.contactId,
            status: "sent",
            providerMessageId: messageId(message.idempotencyKey, domain),
          });
          return void info;
        }
        const error = err as SmtpError;
        // The server's own answer to the message ("550 rejected as spam") is a clear refusal even
        // after the body went over; anything else past that point (a dropped connection, a timeout
        // waiting for the answer) leaves the message's fate unknown.
        if (handedOver && !(error.code === "EMESSAGE" && error.responseCode)) {
          open = undefined;
          connection.close();
          return reject(error);
        }
        if (!error.responseCode) {
          open = undefined;
          connection.close();
          return resolve(refused(message, error));
        }
        // The refused transaction must be cleared before the next MAIL FROM on this connection.
        connection.reset((resetErr) => {
          if (resetErr) {
            open = undefined;
            connection.close();
          }
          resolve(refused(message, error));
        });
      });
    });
  };

  return {
    kind: "remote",
    name: "smtp",
    chunkSize: options.chunkSize ?? 10,
    async send(messages) {
      const outcomes: SendOutcome[] = [];
      let down: SmtpError | undefined;
      for (const message of messages) {
        // One failed connection attempt in a chunk is enough: the rest go back for a later retry.
        if (down) {
          outcomes.push(refused(message, down));
          continue;
        }
        const outcome = await sendOne(message);
        if (outcome.status === "failed" && !outcome.permanent && !open) down = new Error(outcome.reason);
        outcomes.push(outcome);
      }
      return outcomes;
    },
    async resolve(messages): Promise<ResolveOutcome[]> {
      return messages.map((m) => ({
        contactId: m.contactId,
        status: "unknown",
        reason: "an SMTP server cannot be asked whether it took a message; look for the Message-ID in the mail logs",
      }));
    },
    async close() {
      const current = open;
      open = undefined;
      const connection = await current?.catch(() => undefined);
      connection?.quit();
    },
  };
}

/** The Message-ID carries the contact's idempotency key, so a duplicate shows in any inbox or log. */
export function messageId(idempotencyKey: string, domain = "dangol.invalid"): string {
  return `<${idempotencyKey}@${domain}>`;
}

function compose(message: OutgoingMessage, from: string, domain: string): Promise<Buffer> {
  const composer = new MailComposer({
    from,
    to: message.recipientName ? { name: message.recipientName, address: message.to } : message.to,
    subject: message.subject ?? "",
    text: message.body,
    ...(message.html ? { html: message.html } : {}),
    messageId: messageId(message.idempotencyKey, domain),
    headers: { "X-Dangol-Contact": message.idempotencyKey },
  });
  return new Promise((resolve, reject) =>
    composer.compile().build((err, built) => (err ? reject(err) : resolve(built))),
  );
}

/** A failure before the message body went over: the server's code decides whether a retry can help. */
function refused(message: OutgoingMessage, error: SmtpError): SendOutcome {
  const code = error.responseCode;
  const reason = (error.response ?? error.message).slice(0, 500);
  if (code && code >= 500) {
    const invalidAddress = error.command === "RCPT TO" && BAD_MAILBOX.has(code);
    return { contactId: message.contactId, status: "failed", reason, permanent: true, invalidAddress };
  }
  if (error.code === "EMESSAGE") return { contactId: message.contactId, status: "failed", reason, permanent: true };
  // 4xx (greylisting, mailbox busy) and connection failures: the server never took the message.
  return { contactId: message.contactId, status: "failed", reason, permanent: false };
}
