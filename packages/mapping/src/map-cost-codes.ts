// Procore standard cost codes → QuickBooks items (docs/integration-map.md#cost-codes-and-items: Items (Service / Other Charge),
// ItemServiceAdd/Mod). The hierarchy is kept: a child code's item has ParentRef = its parent's item,
// so QuickBooks shows "Parent:Child". Item names hold at most 31 characters (qbxml130.xsd
// ItemServiceAdd Name maxLength 31): over-long names are refused naming the code, or abbreviated
// (setting itemNameRule, shorten-name.ts). Two codes never get the same item: a collision within the
// set is refused with both codes named.
import type {
  ItemOtherChargeAddRequest,
  ItemOtherChargeModRequest,
  ItemServiceAddRequest,
  ItemServiceModRequest,
  ListRef,
  SalesAndPurchase,
  SalesOrPurchase,
} from '@connector/qbxml';
import { FIELD_LIMITS } from '@connector/qbxml';
import type { StandardCostCode } from '@connector/procore';
import { PreviewBuilder } from './build-preview.ts';
import { checkFullName } from './check-list-name.ts';
import { cleanText, countChars, truncateText } from './clean-text.ts';
import { describeCostCode } from './describe-record.ts';
import { buildLinkedMod, candidate } from './linked-fields.ts';
import { refuse, succeed } from './make-result.ts';
import type { Dependency, ItemType, MappingContext, MappingFailure, MappingResult, QbItemLink } from './mapping-types.ts';
import { refuseMissing } from './plan-dependencies.ts';
import { shortenName } from './shorten-name.ts';
import { capitalize } from './capitalize.ts';

export type ItemRequest = ItemServiceAddRequest | ItemOtherChargeAddRequest | ItemServiceModRequest | ItemOtherChargeModRequest;

export interface CostCodeMapping {
  costCodeId: number;
  /** The item's QuickBooks full name ("02 Site Work:02-300 Earthwork"), null when it could not be named. */
  itemFullName: string | null;
  result: MappingResult<ItemRequest>;
}

type Named = { ok: true; name: string; abbreviated: boolean } | MappingFailure;
type Resolved = { ok: true; name: string; fullName: string; abbreviated: boolean; parent: ParentInfo | null } | MappingFailure;
interface ParentInfo {
  id: number;
  ref: ListRef;
  fullName: string;
  /** Sent in the same batch, before this item. */
  inSet: boolean;
}

/**
 * Maps a set of cost codes (one list, or the codes one export needs). Results come parents first (by
 * depth, then code, then id), the order in which they must be sent. Duplicate ids are mapped once.
 * A code linked to an item already in QuickBooks gets an item Mod with only `options.fields` (data safety).
 */
export function mapCostCodes(
  codes: readonly StandardCostCode[],
  ctx: MappingContext,
  options: { fields?: readonly string[] | undefined } = {},
): CostCodeMapping[] {
  const byId = new Map<number, StandardCostCode>();
  for (const code of codes) if (!byId.has(code.id)) byId.set(code.id, code);

  const depth = new Map<number, number | 'cycle'>();
  const depthOf = (id: number, seen: Set<number> = new Set()): number | 'cycle' => {
    const known = depth.get(id);
    if (known !== undefined) return known;
    if (seen.has(id)) return 'cycle';
    seen.add(id);
    const parentId = byId.get(id)!.parent_id;
    const parentDepth = parentId != null && byId.has(parentId) ? depthOf(parentId, seen) : -1;
    const d = parentDepth === 'cycle' ? 'cycle' : parentDepth + 1;
    depth.set(id, d);
    return d;
  };
  for (const id of byId.keys()) depthOf(id);

  const ordered = [...byId.values()].sort((a, b) => {
    const da = depth.get(a.id)!;
    const db = depth.get(b.id)!;
    const na = da === 'cycle' ? Number.MAX_SAFE_INTEGER : da;
    const nb = db === 'cycle' ? Number.MAX_SAFE_INTEGER : db;
    if (na !== nb) return na - nb;
    const ca = codeOf(a);
    const cb = codeOf(b);
    if (ca !== cb) return ca < cb ? -1 : 1;
    return a.id - b.id;
  });

  const resolved = new Map<number, Resolved>();
  // Level by level: a full name at depth n has n colons, so names can only collide within one level,
  // and a child is named only after its parent's level has been checked for collisions.
  const levels = new Map<number | 'cycle', StandardCostCode[]>();
  for (const code of ordered) {
    const d = depth.get(code.id)!;
    levels.set(d, [...(levels.get(d) ?? []), code]);
  }
  for (const [level, members] of levels) {
    for (const code of members) {
      resolved.set(code.id, level === 'cycle' ? refuseCycle(code) : resolve(code, byId, resolved, ctx));
    }
    refuseCollisions(members, resolved, ctx);
  }

  return ordered.map((code) => {
    const link = ctx.links.item(code.id);
    if (link) return { costCodeId: code.id, itemFullName: link.fullName, result: mapLinkedItem(code, link, ctx, options.fields) };
    const r = resolved.get(code.id)!;
    return { costCodeId: code.id, itemFullName: r.ok ? r.fullName : null, result: r.ok ? buildItem(code, r, ctx) : r };
  });
}

/** The cost code as QuickBooks names it: full code (with parent prefixes), else the code. */
function codeOf(code: StandardCostCode): string {
  return cleanText(code.full_code ?? code.code);
}

/** The item's own name (one level of the full name), under the itemNameRule setting. */
export function itemNameForCostCode(code: StandardCostCode, rule: MappingContext['settings']['itemNameRule']): Named {
  const limit = FIELD_LIMITS.itemName;
  const codeText = codeOf(code);
  const description = cleanText(code.name);
  const label = describeCostCode(code);
  if (codeText === '' && description === '') {
    return refuse(
      'INCOMPLETE_RECORD',
      `Procore cost code ${code.id} has neither a code nor a description, so it cannot be named in QuickBooks; complete it in Procore and export again.`,
      { field: 'Name' },
    );
  }
  if (rule === 'refuse') {
    const name = description === '' ? codeText : codeText === '' ? description : `${codeText} ${description}`;
    if (name.includes(':')) {
      return refuse(
        'INVALID_NAME',
        `${capitalize(label)} would become the QuickBooks item name "${name}", which contains ":"; QuickBooks reserves ":" to separate parent and child items. Remove the colon in Procore, or switch the item naming rule to "abbreviate" in Settings.`,
        { field: 'Name' },
      );
    }
    const length = countChars(name);
    if (length > limit) {
      return refuse(
        'NAME_TOO_LONG',
        `${capitalize(label)} would become the QuickBooks item name "${name}" (${length} characters); QuickBooks allows at most ${limit} characters for an item name. Shorten the cost code description in Procore, or switch the item naming rule to "abbreviate" in Settings.`,
        { field: 'Name' },
      );
    }
    return { ok: true, name, abbreviated: false };
  }
  // 'abbreviate': ":" becomes "-" (QuickBooks reserves ":"), then shorten-name.ts.
  const safeCode = codeText.replace(/:/g, '-');
  const safeDescription = description.replace(/:/g, '-');
  const name = safeCode === '' ? shortenName(safeDescription, '', limit) : shortenName(safeCode, safeDescription, limit);
  if (name === null) {
    const text = safeCode === '' ? safeDescription : safeCode;
    return refuse(
      'NAME_TOO_LONG',
      `${capitalize(label)}: the code "${text}" alone is ${countChars(text)} characters; QuickBooks allows at most ${limit} characters for an item name and a code is never abbreviated. Shorten the code in Procore and export again.`,
      { field: 'Name' },
    );
  }
  const full = safeDescription === '' || safeCode === '' ? safeCode || safeDescription : `${safeCode} ${safeDescription}`;
  return { ok: true, name, abbreviated: name !== full };
}

function resolve(code: StandardCostCode, byId: Map<number, StandardCostCode>, resolved: Map<number, Resolved>, ctx: MappingContext): Resolved {
  const own = itemNameForCostCode(code, ctx.settings.itemNameRule);
  if (!own.ok) return own;
  const label = describeCostCode(code);
  let parent: ParentInfo | null = null;
  const parentId = code.parent_id;
  if (parentId != null) {
    const parentCode = byId.get(parentId);
    const parentLink = ctx.links.item(parentId);
    if (parentCode) {
      const parentResolved = resolved.get(parentId);
      if (!parentResolved || !parentResolved.ok) {
        return refuse(
          'PARENT_NOT_MAPPED',
          `${capitalize(label)} cannot be exported because its parent, ${describeCostCode(parentCode)}, cannot be: ${parentResolved && !parentResolved.ok ? parentResolved.refusal.message : 'it was not mapped.'}`,
          { field: 'ParentRef' },
        );
      }
      parent = {
        id: parentId,
        ref: parentLink ? { listId: parentLink.listId } : { fullName: parentResolved.fullName },
        fullName: parentResolved.fullName,
        inSet: !parentLink,
      };
    } else if (parentLink) {
      parent = { id: parentId, ref: { listId: parentLink.listId }, fullName: parentLink.fullName, inSet: false };
    } else {
      const dependency: Dependency = {
        kind: 'item',
        procoreId: parentId,
        label: `the item for the parent cost code of ${label} (Procore cost code ${parentId})`,
      };
      return refuseMissing(`the item for ${label}`, [dependency]);
    }
  }
  const fullName = parent ? `${parent.fullName}:${own.name}` : own.name;
  const tooLong = checkFullName(fullName, FIELD_LIMITS.listRefFullName, 'item', label);
  if (tooLong) return tooLong;
  return { ok: true, name: own.name, fullName, abbreviated: own.abbreviated, parent };
}

function refuseCycle(code: StandardCostCode): MappingFailure {
  return refuse(
    'INCOMPLETE_RECORD',
    `The parent codes of ${describeCostCode(code)} loop in Procore (a code is its own ancestor), so it cannot be placed in QuickBooks' item list; correct the parent codes in Procore and export again.`,
    { field: 'ParentRef' },
  );
}

/** QuickBooks names are unique regardless of case: two codes on one full name are both refused. */
function refuseCollisions(members: readonly StandardCostCode[], resolved: Map<number, Resolved>, ctx: MappingContext): void {
  const groups = new Map<string, StandardCostCode[]>();
  for (const code of members) {
    const r = resolved.get(code.id)!;
    if (!r.ok) continue;
    const key = r.fullName.toLowerCase();
    groups.set(key, [...(groups.get(key) ?? []), code]);
  }
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const first = resolved.get(group[0]!.id)! as Extract<Resolved, { ok: true }>;
    const names = group.map((c) => describeCostCode(c));
    const list = `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]!}`;
    const fix =
      ctx.settings.itemNameRule === 'abbreviate'
        ? 'Change the code or description of one of them in Procore so that their abbreviated names differ, and export again.'
        : 'Change the code or description of one of them in Procore, and export again.';
    const message = `${capitalize(list)} would all become the QuickBooks item "${first.fullName}"; QuickBooks item names must be unique. ${fix}`;
    for (const code of group) resolved.set(code.id, refuse('ITEM_NAME_COLLISION', message, { field: 'Name' }));
  }
}

const TYPE_NAMES: Record<ItemType, string> = { service: 'Service', other_charge: 'Other Charge' };

function buildItem(code: StandardCostCode, r: Extract<Resolved, { ok: true }>, ctx: MappingContext): MappingResult<ItemRequest> {
  const { settings } = ctx;
  const link = ctx.links.item(code.id);
  const itemType: ItemType = link?.itemType ?? settings.itemType;
  const codeText = codeOf(code);
  const description = cleanText(code.name);
  const fullDescription = truncateText([codeText, description].filter((s) => s !== '').join(' '), FIELD_LIMITS.lineDesc);
  const dependencies: Dependency[] = r.parent?.inSet
    ? [{ kind: 'item', procoreId: r.parent.id, label: `the item for the parent cost code (Procore cost code ${r.parent.id})` }]
    : [];

  const preview = new PreviewBuilder()
    .add('Name', r.name, r.abbreviated ? 'full_code + name (abbreviated)' : 'full_code + name')
    .add('Parent', r.parent?.fullName, 'parent_id')
    .add('Full name', r.fullName)
    .add('Type', TYPE_NAMES[itemType], 'setting: item type');

  const expense = settings.itemExpenseAccount;
  const income = settings.itemIncomeAccount;
  if (!expense && !income) {
    return refuse(
      'NO_ITEM_ACCOUNT',
      `The item for ${describeCostCode(code)} cannot be created: no QuickBooks account is set for new cost-code items, and QuickBooks needs one for every item. Choose the expense (job cost) account, and the income account if estimates are used, under Settings, then export again.`,
      { field: 'AccountRef' },
    );
  }
  const sides: { salesOrPurchase: SalesOrPurchase } | { salesAndPurchase: SalesAndPurchase } =
    expense && income
      ? {
          salesAndPurchase: {
            salesDesc: fullDescription,
            incomeAccountRef: { listId: income.listId },
            purchaseDesc: fullDescription,
            expenseAccountRef: { listId: expense.listId },
          },
        }
      : { salesOrPurchase: { desc: fullDescription, accountRef: { listId: (expense ?? income)!.listId } } };
  preview.add('Description', fullDescription, 'full_code + name');
  if (expense && income) preview.add('Expense account', expense.fullName, 'setting').add('Income account', income.fullName, 'setting');
  else preview.add('Account', (expense ?? income)!.fullName, 'setting');

  const add = { name: r.name, ...(r.parent ? { parentRef: r.parent.ref } : {}), ...sides };
  const request: ItemRequest = itemType === 'service' ? { type: 'ItemServiceAdd', ...add } : { type: 'ItemOtherChargeAdd', ...add };
  return succeed(request, preview.build(), { dependencies });
}

/**
 * An item already in QuickBooks (linked on the Items screen or by an earlier export): renamed only when a
 * person chose "Name", never re-parented, never given accounts; the Mod matches the item's own type.
 */
function mapLinkedItem(code: StandardCostCode, link: QbItemLink, ctx: MappingContext, fields: readonly string[] | undefined): MappingResult<ItemRequest> {
  const name = itemNameForCostCode(code, ctx.settings.itemNameRule);
  const itemType: ItemType = link.itemType ?? ctx.settings.itemType;
  const base: ItemRequest =
    itemType === 'service'
      ? { type: 'ItemServiceMod', listId: link.listId, editSequence: link.editSequence }
      : { type: 'ItemOtherChargeMod', listId: link.listId, editSequence: link.editSequence };
  return buildLinkedMod<ItemRequest>({
    kind: 'item',
    owner: describeCostCode(code),
    link,
    base,
    chosen: fields,
    candidates: [
      candidate(
        'Name',
        'full_code + name',
        name.ok ? { ok: true, value: name.name } : name,
        (v: string) => v,
        (m, v) => {
          (m as ItemServiceModRequest).name = v;
        },
      ),
    ],
  });
}
