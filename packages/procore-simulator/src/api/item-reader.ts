import { addError, type FieldErrors } from '../http/api-error.ts';
import { parseMoney } from '../model/money.ts';

// Reads request fields with Rails-style validation messages ("can't be blank", "is too long (maximum is 255
// characters)"), the messages Procore's API returns in 422 bodies and sync `errors` items.

export const MAX_NAME_LENGTH = 255;

export interface StringRule {
  required?: boolean;
  max?: number;
  pattern?: RegExp;
}

/** `undefined` = field absent (leave unchanged); `null` = explicitly cleared. */
export class ItemReader {
  readonly errors: FieldErrors = {};

  readonly item: Record<string, unknown>;
  constructor(item: Record<string, unknown>) {
    this.item = item;
  }

  has(key: string): boolean {
    return Object.hasOwn(this.item, key) && this.item[key] !== undefined;
  }

  get ok(): boolean {
    return Object.keys(this.errors).length === 0;
  }

  string(key: string, rule: StringRule = {}): string | null | undefined {
    const value = this.item[key];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      if (rule.required) addError(this.errors, key, "can't be blank");
      return value === undefined ? undefined : null;
    }
    if (typeof value !== 'string' && typeof value !== 'number') {
      addError(this.errors, key, 'is invalid');
      return undefined;
    }
    const text = String(value);
    const max = rule.max ?? MAX_NAME_LENGTH;
    if (text.length > max) addError(this.errors, key, `is too long (maximum is ${max} characters)`);
    else if (rule.pattern && !rule.pattern.test(text)) addError(this.errors, key, 'is invalid');
    return text;
  }

  /** Like string() but never null: blank is an error when present. */
  requiredString(key: string, mustBePresent: boolean, max = MAX_NAME_LENGTH): string | undefined {
    const v = this.string(key, { required: mustBePresent || this.has(key), max });
    return v === null ? undefined : v;
  }

  bool(key: string): boolean | undefined {
    const value = this.item[key];
    if (value === undefined) return undefined;
    if (value === true || value === 'true' || value === 1 || value === '1') return true;
    if (value === false || value === 'false' || value === 0 || value === '0') return false;
    addError(this.errors, key, 'is not a boolean');
    return undefined;
  }

  int(key: string, required = false): number | null | undefined {
    const value = this.item[key];
    if (value === undefined || value === null || value === '') {
      if (required) addError(this.errors, key, "can't be blank");
      return value === undefined ? undefined : null;
    }
    const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isSafeInteger(n)) {
      addError(this.errors, key, 'is not a number');
      return undefined;
    }
    return n;
  }

  money(key: string, required = false): number | undefined {
    const value = parseMoney(this.item[key]);
    if (value === undefined) {
      if (required) addError(this.errors, key, "can't be blank");
      return undefined;
    }
    if (value === null) {
      addError(this.errors, key, 'is not a number');
      return undefined;
    }
    return value;
  }

  date(key: string, required = false): string | null | undefined {
    const value = this.item[key];
    if (value === undefined || value === null || value === '') {
      if (required) addError(this.errors, key, "can't be blank");
      return value === undefined ? undefined : null;
    }
    if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(Date.parse(value.slice(0, 10)))) {
      addError(this.errors, key, 'is not a valid date');
      return undefined;
    }
    return value.slice(0, 10);
  }

  oneOf<T extends string>(key: string, values: readonly T[], required = false): T | undefined {
    const value = this.item[key];
    if (value === undefined || value === null || value === '') {
      if (required) addError(this.errors, key, "can't be blank");
      return undefined;
    }
    if (typeof value !== 'string' || !(values as readonly string[]).includes(value)) {
      addError(this.errors, key, 'is not included in the list');
      return undefined;
    }
    return value as T;
  }

  error(key: string, message: string): void {
    addError(this.errors, key, message);
  }
}

/** Drops undefined values so a patch only carries fields the request sent. */
export function definedOnly<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}
