import { type UnsubscribeTarget, unsubscribeTarget } from "@dangol/campaigns";
import { getPrisma } from "@dangol/db/client";
import type { ReactNode } from "react";
import { unsubscribeAction } from "./actions.ts";

/**
 * The e-mail unsubscribe page, reached from the link in every ad e-mail without signing in.
 * Korean with the English beneath: the app's language switch lives in the signed-in shell, and a
 * recipient has no session. No JavaScript needed: the button is a plain form post.
 */
function Both({ ko, en }: { ko: ReactNode; en: ReactNode }) {
  return (
    <>
      <span className="block">{ko}</span>
      <span className="block text-sm text-gray-500" lang="en">
        {en}
      </span>
    </>
  );
}

export function Frame({ children }: { children: ReactNode }) {
  return (
    <main className="mx-auto max-w-md px-4 py-16">
      <p className="text-sm font-semibold text-gray-500">단골 Dangol</p>
      {children}
    </main>
  );
}

/**
 * The page's data; null for a bad token or an unknown contact. The route renders
 * UnsubscribeNotFound itself rather than calling notFound(): a nested not-found boundary rendered
 * an empty body without JavaScript (next dev, 16.4), and a recipient's mail client may have none.
 */
export async function loadUnsubscribeTarget(token: string): Promise<UnsubscribeTarget | null> {
  return unsubscribeTarget(getPrisma(), token);
}

export function UnsubscribePage({
  token,
  target,
  result,
}: {
  token: string;
  target: UnsubscribeTarget;
  result: string | undefined;
}) {
  const address = target.maskedEmail ?? "—";
  if (target.alreadyOptedOut) {
    return (
      <Frame>
        <h1 className="mt-2 text-xl font-bold" data-testid="unsubscribe-done">
          <Both
            ko={result === "done" ? "수신거부가 완료되었습니다" : "이미 수신거부되어 있습니다"}
            en={result === "done" ? "You have been unsubscribed" : "You are already unsubscribed"}
          />
        </h1>
        <p className="mt-4">
          <Both
            ko={
              <>
                <strong>{address}</strong> 주소로는 더 이상 광고성 이메일을 보내지 않습니다. 지금부터 적용됩니다.
              </>
            }
            en={
              <>
                No more advertising e-mail will be sent to <strong>{address}</strong>, effective now.
              </>
            }
          />
        </p>
      </Frame>
    );
  }
  return (
    <Frame>
      <h1 className="mt-2 text-xl font-bold">
        <Both ko="광고성 이메일 수신거부" en="Unsubscribe from advertising e-mail" />
      </h1>
      <p className="mt-4">
        <Both
          ko={
            <>
              <strong>{address}</strong> 주소로 보내는 광고성 이메일을 받지 않으시겠습니까? 거부는 즉시 적용됩니다.
            </>
          }
          en={
            <>
              Stop advertising e-mail to <strong>{address}</strong>? This takes effect at once.
            </>
          }
        />
      </p>
      <form action={unsubscribeAction} className="mt-6">
        <input type="hidden" name="token" value={token} />
        <button type="submit" className="rounded bg-gray-900 px-4 py-2 font-semibold text-white">
          수신거부 <span lang="en">Unsubscribe</span>
        </button>
      </form>
      <p className="mt-6 text-sm text-gray-500">
        <Both
          ko="문자·우편 등 다른 수단의 수신 동의는 바뀌지 않습니다."
          en="Your choices for text messages, post and calls stay as they are."
        />
      </p>
    </Frame>
  );
}

export function UnsubscribeNotFound() {
  return (
    <Frame>
      <h1 className="mt-2 text-xl font-bold" data-testid="unsubscribe-invalid">
        <Both ko="유효하지 않은 수신거부 링크입니다" en="This unsubscribe link is not valid" />
      </h1>
      <p className="mt-4">
        <Both
          ko="링크가 잘렸거나 바뀌었을 수 있습니다. 받으신 이메일의 링크를 그대로 열어 주세요."
          en="The link may have been cut off or changed. Please open the link exactly as it appears in the e-mail."
        />
      </p>
    </Frame>
  );
}
