import { serializeJsonLd } from "~/utils/seo";
import { useNonce } from "./Nonce";

/**
 * Structured data for search engines. It is data, not a script that runs,
 * but it carries the nonce so the CSP stays strict; serializeJsonLd escapes
 * "<" so no text inside can close the element.
 */
export function JsonLd({ data }: { data: unknown }) {
  const nonce = useNonce();
  return (
    <script type="application/ld+json" nonce={nonce} suppressHydrationWarning dangerouslySetInnerHTML={{ __html: serializeJsonLd(data) }} />
  );
}
