// Parses the subset of Intuit's query language the simulator answers:
//   SELECT * | COUNT(*) FROM <Entity> [WHERE <cond> [AND <cond>]…] [ORDERBY <field> [ASC|DESC][, …]]
//   [STARTPOSITION <n>] [MAXRESULTS <n>]
//   <cond> := <field> (= | < | > | <= | >= | LIKE) <value> | <field> IN (<value>, …)
//   <value> := '<string>' (a quote inside escaped with a backslash) | <number> | true | false
// Keywords are case-insensitive. "The OR operation is not supported in WHERE clauses", no GROUP BY / JOIN,
// LIKE wildcard "%" only ("Data queries",
// https://developer.intuit.com/app/developer/qbo/docs/learn/explore-the-quickbooks-online-api/data-queries;
// "Advanced SQL Queries", blogs.intuit.com 2014-03-20). Anything else is Intuit's 4000 QueryParserError.

import { queryParserError } from '../http/qbo-fault.ts';

export type QueryValue = string | number | boolean;
export type Operator = '=' | '<' | '>' | '<=' | '>=' | 'LIKE' | 'IN';

export interface Condition {
  /** Dotted path as written: "DisplayName", "MetaData.LastUpdatedTime", "VendorRef". */
  field: string;
  operator: Operator;
  /** One value, or the list of an IN. */
  value: QueryValue | QueryValue[];
}

export interface ParsedQuery {
  count: boolean;
  /** As written (case resolved by the caller). */
  entity: string;
  where: Condition[];
  orderBy: Array<{ field: string; descending: boolean }>;
  /** 1-based, null when absent. */
  startPosition: number | null;
  maxResults: number | null;
}

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string; value?: QueryValue };

function tokenize(statement: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < statement.length) {
    const c = statement[i] as string;
    if (/\s/.test(c)) {
      i++;
    } else if (c === "'") {
      let text = '';
      i++;
      for (;;) {
        if (i >= statement.length) throw queryParserError('a quoted value is not closed');
        const d = statement[i] as string;
        if (d === '\\' && i + 1 < statement.length) {
          text += statement[i + 1];
          i += 2;
        } else if (d === "'") {
          i++;
          break;
        } else {
          text += d;
          i++;
        }
      }
      tokens.push({ kind: 'string', text, value: text });
    } else if (/[0-9-]/.test(c) && /[0-9]/.test(statement[c === '-' ? i + 1 : i] ?? '')) {
      const m = /^-?\d+(\.\d+)?/.exec(statement.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'number', text: m[0], value: Number(m[0]) });
      i += m[0].length;
    } else if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(statement.slice(i)) as RegExpExecArray;
      tokens.push({ kind: 'word', text: m[0] });
      i += m[0].length;
    } else {
      const two = statement.slice(i, i + 2);
      if (two === '<=' || two === '>=' || two === '!=' || two === '<>') {
        tokens.push({ kind: 'symbol', text: two });
        i += 2;
      } else if ('=<>(),*'.includes(c)) {
        tokens.push({ kind: 'symbol', text: c });
        i++;
      } else {
        throw queryParserError(`unexpected character "${c}"`);
      }
    }
  }
  return tokens;
}

export function parseQuery(statement: string): ParsedQuery {
  const tokens = tokenize(statement);
  let p = 0;
  const peek = (): Token | undefined => tokens[p];
  const isWord = (word: string, t = peek()): boolean => t?.kind === 'word' && t.text.toUpperCase() === word;
  const expectWord = (word: string): void => {
    if (!isWord(word)) throw queryParserError(`expected ${word}, got "${peek()?.text ?? 'end of statement'}"`);
    p++;
  };
  const expectSymbol = (symbol: string): void => {
    const t = peek();
    if (t?.kind !== 'symbol' || t.text !== symbol) throw queryParserError(`expected "${symbol}", got "${t?.text ?? 'end of statement'}"`);
    p++;
  };
  const readInteger = (what: string): number => {
    const t = peek();
    if (t?.kind !== 'number' || !Number.isInteger(t.value) || (t.value as number) < 0) throw queryParserError(`${what} needs a whole number`);
    p++;
    return t.value as number;
  };
  const readValue = (): QueryValue => {
    const t = peek();
    if (t?.kind === 'string' || t?.kind === 'number') {
      p++;
      return t.value as QueryValue;
    }
    if (isWord('TRUE') || isWord('FALSE')) {
      p++;
      return t?.text.toUpperCase() === 'TRUE';
    }
    throw queryParserError(`expected a value, got "${t?.text ?? 'end of statement'}"`);
  };

  expectWord('SELECT');
  let count = false;
  if (isWord('COUNT')) {
    p++;
    expectSymbol('(');
    expectSymbol('*');
    expectSymbol(')');
    count = true;
  } else {
    // Intuit accepts a field list but always answers every property (no projections): only * here.
    expectSymbol('*');
  }
  expectWord('FROM');
  const entityToken = peek();
  if (entityToken?.kind !== 'word') throw queryParserError('expected an entity after FROM');
  p++;
  const query: ParsedQuery = { count, entity: entityToken.text, where: [], orderBy: [], startPosition: null, maxResults: null };

  if (isWord('WHERE')) {
    p++;
    for (;;) {
      const field = peek();
      if (field?.kind !== 'word') throw queryParserError('expected a field name in WHERE');
      p++;
      const op = peek();
      if (isWord('IN', op)) {
        p++;
        expectSymbol('(');
        const values = [readValue()];
        while (peek()?.kind === 'symbol' && peek()?.text === ',') {
          p++;
          values.push(readValue());
        }
        expectSymbol(')');
        query.where.push({ field: field.text, operator: 'IN', value: values });
      } else if (isWord('LIKE', op)) {
        p++;
        const value = readValue();
        if (typeof value !== 'string') throw queryParserError('LIKE needs a quoted value');
        query.where.push({ field: field.text, operator: 'LIKE', value });
      } else if (op?.kind === 'symbol' && ['=', '<', '>', '<=', '>='].includes(op.text)) {
        p++;
        query.where.push({ field: field.text, operator: op.text as Operator, value: readValue() });
      } else {
        throw queryParserError(`unsupported operator "${op?.text ?? 'end of statement'}" (=, <, >, <=, >=, IN, LIKE only)`);
      }
      if (isWord('AND')) {
        p++;
        continue;
      }
      if (isWord('OR')) throw queryParserError('OR is not supported in WHERE clauses');
      break;
    }
  }
  if (isWord('ORDERBY') || (isWord('ORDER') && isWord('BY', tokens[p + 1]))) {
    p += isWord('ORDER') ? 2 : 1;
    for (;;) {
      const field = peek();
      if (field?.kind !== 'word') throw queryParserError('expected a field name in ORDERBY');
      p++;
      let descending = false;
      if (isWord('DESC')) {
        descending = true;
        p++;
      } else if (isWord('ASC')) p++;
      query.orderBy.push({ field: field.text, descending });
      if (peek()?.kind === 'symbol' && peek()?.text === ',') {
        p++;
        continue;
      }
      break;
    }
  }
  if (isWord('STARTPOSITION')) {
    p++;
    query.startPosition = readInteger('STARTPOSITION');
    if (query.startPosition < 1) throw queryParserError('STARTPOSITION starts at 1');
  }
  if (isWord('MAXRESULTS')) {
    p++;
    query.maxResults = readInteger('MAXRESULTS');
  }
  if (p < tokens.length) throw queryParserError(`unexpected "${tokens[p]?.text}"`);
  return query;
}
