import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export type ReceivedMail = {
  to: string[];
  messageId: string | null;
  /** the X-Dangol-Contact header: the contact's idempotency key */
  contact: string | null;
  raw: string;
};

export type SmtpInbox = {
  /** smtp://127.0.0.1:<port>, the SMTP_URL to give the provider */
  url: string;
  received: ReceivedMail[];
  close(): Promise<void>;
};

/**
 * An in-process SMTP server for tests: accepts everything except the recipients `refuse` answers
 * with a code (550 "no such user", 452 "mailbox full" …), and keeps every message it took with its
 * Message-ID and X-Dangol-Contact header.
 */
export async function startSmtpInbox(
  options: {
    refuse?: (recipient: string) => number | null;
    /** wait this long after taking a message before the 250: the window where it is in the inbox but unconfirmed */
    answerDelayMs?: number;
  } = {},
): Promise<SmtpInbox> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onRcptTo(address, _session, callback) {
      const code = options.refuse?.(address.address);
      if (!code) return callback();
      const error = new Error(code >= 500 ? "no such user here" : "mailbox busy, try later") as Error & {
        responseCode: number;
      };
      error.responseCode = code;
      callback(error);
    },
    onData(stream, session, callback) {
      const parts: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => parts.push(chunk));
      stream.on("end", () => {
        const raw = Buffer.concat(parts).toString("utf8");
        const head = raw.split(/\r?\n\r?\n/, 1)[0] ?? "";
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: header(head, "Message-ID"),
          contact: header(head, "X-Dangol-Contact"),
          raw,
        });
        setTimeout(() => callback(), options.answerDelayMs ?? 0);
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

function header(head: string, name: string): string | null {
  const match = new RegExp(`^${name}:\\s*(.+(?:\\r?\\n[ \\t].+)*)`, "im").exec(head);
  return match ? match[1]!.replace(/\r?\n[ \t]+/g, " ").trim() : null;
}
