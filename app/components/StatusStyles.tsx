import { createContext, useContext, type ReactNode } from "react";
import type { ShownStatus } from "~/utils/idea-status";
import { defaultStatusStyles, type StatusStyles } from "~/utils/status-styles";

const Context = createContext<StatusStyles>(defaultStatusStyles);

/** Gives every status badge, filter and form on the page the labels admins chose (the root loader reads them). */
export function StatusStylesProvider({ value, children }: { value: StatusStyles | undefined; children: ReactNode }) {
  return <Context.Provider value={value ?? defaultStatusStyles}>{children}</Context.Provider>;
}

export function useStatusStyles(): StatusStyles {
  return useContext(Context);
}

/** The label of each status as this site names it. */
export function useStatusLabel(): (status: ShownStatus) => string {
  const styles = useStatusStyles();
  return (status) => styles.statuses[status]?.label ?? status;
}
