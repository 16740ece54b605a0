// The path we log for a request: the URL path plus query *names*, with values only for parameters that
// are plain identifiers or paging. Query values can carry search text or, in a Link header we did not
// build, anything at all (logging rule: method, path, status, attempt, wait — never secrets).

const LOGGABLE_VALUES = new Set(['page', 'per_page', 'company_id', 'project_id', 'standard_cost_code_list_id']);

export function describeRequestPath(url: URL): string {
  const parts: string[] = [];
  for (const [name, value] of url.searchParams) {
    parts.push(LOGGABLE_VALUES.has(name) && /^\d{1,12}$/.test(value) ? `${name}=${value}` : name);
  }
  return parts.length > 0 ? `${url.pathname}?${parts.join('&')}` : url.pathname;
}
