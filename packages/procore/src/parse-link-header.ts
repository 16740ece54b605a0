// RFC 8288 Link header, as Procore sends it for pagination (API-CONTRACT.md "Conventions";
// Procore docs: "Pagination"): `<https://…?page=2&per_page=100>; rel="next", <…>; rel="last"`.
// Returns rel → absolute URL (resolved against `baseUrl` in case a server sends a relative one).

export function parseLinkHeader(value: string | null, baseUrl: string): Record<string, string> {
  const links: Record<string, string> = {};
  if (!value) return links;
  // Split on commas that start a new <…> link, not commas inside a URL.
  for (const part of value.split(/,(?=\s*<)/)) {
    const match = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!match) continue;
    const target = match[1] as string;
    const params = match[2] as string;
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
    const relValue = rel?.[1] ?? rel?.[2];
    if (!relValue) continue;
    let href: string;
    try {
      href = new URL(target, baseUrl).href;
    } catch {
      continue;
    }
    for (const name of relValue.toLowerCase().split(/\s+/)) {
      if (name && !(name in links)) links[name] = href;
    }
  }
  return links;
}
