import type { IdeaStatus } from "~db/schema";
import { statusLabels, type ShownStatus } from "./idea-status";

/**
 * How statuses look: the label and colour admins chose for each lifecycle
 * status (the keys never change: filters, feeds, the API and webhooks use
 * them), and the sub-statuses they added within one ("In beta" within
 * in_progress). A colour is a background; its text is black or white,
 * whichever reads better, and a colour on which neither passes WCAG AA
 * (4.5:1) does not exist — one of them always does.
 */
export type StatusStyle = { label: string; colour: string | null };
export type Substatus = { id: number; status: IdeaStatus; label: string; colour: string };
export type StatusStyles = { statuses: Record<ShownStatus, StatusStyle>; substatuses: Substatus[] };

export const LABEL_MAX = 30;

export const defaultStatusStyles: StatusStyles = {
  statuses: Object.fromEntries(Object.entries(statusLabels).map(([status, label]) => [status, { label, colour: null }])) as Record<
    ShownStatus,
    StatusStyle
  >,
  substatuses: [],
};

export const isColour = (value: string) => /^#[0-9a-f]{6}$/i.test(value);

function luminance(colour: string): number {
  const [r, g, b] = [1, 3, 5].map((at) => {
    const c = parseInt(colour.slice(at, at + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
}

/** WCAG's contrast ratio of two "#rrggbb" colours, 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light! + 0.05) / (dark! + 0.05);
}

/** The text colour for a background: black or white, whichever contrasts more (always at least 4.58:1). */
export function textOn(colour: string): "#000000" | "#ffffff" {
  return contrastRatio(colour, "#000000") >= contrastRatio(colour, "#ffffff") ? "#000000" : "#ffffff";
}

/** The stylesheet that gives each coloured status and sub-status its colours (served at /status-styles.css). */
export function statusStylesCss(styles: StatusStyles): string {
  const rules: string[] = [];
  for (const [status, style] of Object.entries(styles.statuses)) {
    if (style.colour && isColour(style.colour)) {
      rules.push(`.badge.status-${status}{background:${style.colour};color:${textOn(style.colour)};border-color:${style.colour}}`);
    }
  }
  for (const sub of styles.substatuses) {
    if (isColour(sub.colour))
      rules.push(`.badge.substatus-${sub.id}{background:${sub.colour};color:${textOn(sub.colour)};border-color:${sub.colour}}`);
  }
  return rules.join("\n");
}
