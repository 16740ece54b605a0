/** The query string that keeps Procore's company_id and project_id when moving between screens. */
export function companySearch(search: string): string {
  const params = new URLSearchParams(search);
  const keep = new URLSearchParams();
  for (const key of ['company_id', 'project_id']) {
    const value = params.get(key);
    if (value) keep.set(key, value);
  }
  const text = keep.toString();
  return text ? `?${text}` : '';
}
