import nodemailer from "nodemailer";

export type ResultMail = {
  smtpUrl: string;
  from: string;
  to: string[];
  title: string;
  /** The Seoul day the run is for (YYYY-MM-DD). */
  date: string;
  outcome:
    | { status: "SUCCEEDED"; rowCount: number; truncated: boolean; rowCap: number; csv: string; fileName: string }
    | { status: "FAILED" | "CANCELLED"; error: string | null };
};

export function resultMailSubject(title: string, date: string): string {
  return `[Dangol] ${title} — ${date}`;
}

function body(mail: ResultMail): string {
  const { outcome } = mail;
  if (outcome.status !== "SUCCEEDED")
    return [
      `예약 쿼리 "${mail.title}" 실행이 실패했습니다 (${mail.date}).`,
      ...(outcome.error ? [`오류 / error: ${outcome.error}`] : []),
      "",
      `The scheduled query "${mail.title}" did not finish (${mail.date}).`,
    ].join("\n");
  const truncated = outcome.truncated
    ? [
        `결과가 ${outcome.rowCap.toLocaleString("ko-KR")}행에서 잘렸습니다.`,
        `The result was truncated at ${outcome.rowCap} rows.`,
      ]
    : [];
  return [
    `예약 쿼리 "${mail.title}"의 ${mail.date} 결과: ${outcome.rowCount.toLocaleString("ko-KR")}행 (CSV 첨부).`,
    truncated[0],
    "",
    `Result of the scheduled query "${mail.title}" for ${mail.date}: ${outcome.rowCount} rows (CSV attached).`,
    truncated[1],
  ]
    .filter((line) => line !== undefined)
    .join("\n");
}

/** One message to every recipient; the CSV rides along when the run succeeded. */
export async function sendResultMail(mail: ResultMail): Promise<void> {
  const transport = nodemailer.createTransport(mail.smtpUrl);
  try {
    await transport.sendMail({
      from: mail.from,
      to: mail.to,
      subject: resultMailSubject(mail.title, mail.date),
      text: body(mail),
      attachments:
        mail.outcome.status === "SUCCEEDED"
          ? [{ filename: mail.outcome.fileName, content: mail.outcome.csv, contentType: "text/csv; charset=utf-8" }]
          : [],
    });
  } finally {
    transport.close();
  }
}
