export interface RouteMatch<H> {
  handler: H;
  params: Record<string, string>;
  /** The path template, e.g. "/rest/v1.0/companies/{company_id}/vendors" (the key of request stats). */
  template: string;
}

interface Route<H> {
  method: string;
  template: string;
  pattern: RegExp;
  names: string[];
  handler: H;
}

/** Method + path-template routing ("/rest/v1.0/projects/{id}"). */
export class RouteTable<H> {
  private readonly routes: Route<H>[] = [];

  add(method: string, template: string, handler: H): this {
    const names: string[] = [];
    const source = template
      .split('/')
      .map((segment) => {
        const name = /^\{(\w+)\}$/.exec(segment)?.[1];
        if (name === undefined) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        names.push(name);
        return '([^/]+)';
      })
      .join('/');
    this.routes.push({ method, template, pattern: new RegExp(`^${source}/?$`), names, handler });
    return this;
  }

  /** The matching route; `'method-not-allowed'` when the path exists with another method. */
  match(method: string, pathname: string): RouteMatch<H> | 'method-not-allowed' | null {
    let pathMatched = false;
    for (const route of this.routes) {
      const m = route.pattern.exec(pathname);
      if (m === null) continue;
      pathMatched = true;
      if (route.method !== method) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      return { handler: route.handler, params, template: route.template };
    }
    return pathMatched ? 'method-not-allowed' : null;
  }
}
