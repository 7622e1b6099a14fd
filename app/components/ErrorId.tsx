import { createContext, useContext, useEffect, useState, type ReactNode } from "react";

/** Set by the server on a 500 answer, so a page built in the browser (after a form post with JavaScript) can show the id too. */
export const ERROR_ID_COOKIE = "cocreate_error_id";

const ErrorIdContext = createContext<string | undefined>(undefined);

export function ErrorIdProvider({ value, children }: { value: string | undefined; children: ReactNode }) {
  return <ErrorIdContext.Provider value={value}>{children}</ErrorIdContext.Provider>;
}

function fromBrowser(): string | undefined {
  if (typeof document === "undefined") return undefined;
  const cookie = document.cookie.split("; ").find((c) => c.startsWith(`${ERROR_ID_COOKIE}=`));
  // While hydrating a server-rendered error page the id is also already in the page.
  return cookie?.slice(ERROR_ID_COOKIE.length + 1) || document.querySelector("[data-error-id]")?.textContent || undefined;
}

/** The id under which the server logged the error this page is about, if it logged one. */
export function useErrorId(): string | undefined {
  const fromServer = useContext(ErrorIdContext);
  const [id] = useState(() => fromServer ?? fromBrowser());
  useEffect(() => {
    document.cookie = `${ERROR_ID_COOKIE}=; Max-Age=0; Path=/; SameSite=Lax`;
  }, []);
  return id;
}
