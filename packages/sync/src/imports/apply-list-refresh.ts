import type { Database } from '@connector/db';
import type { QbListEntry } from '@connector/mapping';
import type { ProcoreClient } from '@connector/procore';
import { LINK_TYPES, QB_TYPES } from '../links/link-types.ts';
import { procoreFailure } from '../procore/procore-failure.ts';
import { getCompanySettings } from '../settings/company-settings.ts';
import { readStoredQbListEntry } from '../stored/read-stored.ts';
import { IMPORT_ACTOR } from './push-job-costs.ts';

// Item types that stand for work or cost (cost codes); payment, discount, subtotal and tax items do not.
const COST_ITEM_ELEMENTS = new Set(['ItemServiceRet', 'ItemOtherChargeRet', 'ItemNonInventoryRet']);

/**
 * The Procore half of Refresh Jobs / Vendors / Items, after QuickBooks answered:
 * - items: every active cost item not yet linked becomes a Procore standard cost code (matched by code or
 *   name first, created otherwise, origin_id = ListID) and is linked; with "add new cost codes to budgets"
 *   on, new codes are added to every integrated project (linked to a job QuickBooks has not deleted) with a
 *   zero budget line;
 * - vendors: with the update policy "update", linked Procore vendors take QuickBooks' changes (sync, in
 *   batches of 1,000); vendors and projects we created from QuickBooks are deactivated in Procore when
 *   QuickBooks deletes them.
 * Jobs themselves are linked by a person (Jobs list): nothing is created without them.
 */
export async function applyListRefresh(
  db: Database,
  input: { companyId: string; kind: 'jobs' | 'vendors' | 'items'; client: ProcoreClient },
): Promise<Record<string, unknown>> {
  const { companyId, client } = input;
  const audit = (action: string, outcome: 'ok' | 'error', subjectType: string, subjectId: string, detail: Record<string, unknown>) =>
    db.prisma.auditEntry.create({
      data: { companyId, actor: IMPORT_ACTOR, action, direction: 'to_procore', outcome, subjectType, subjectId, detail: detail as never },
    });

  if (input.kind === 'items') return applyItems();
  if (input.kind === 'vendors') return applyVendors();
  return deactivateDeleted('Customer', 'project');

  async function applyItems() {
    const settings = await getCompanySettings(db, companyId);
    const linked = new Set(
      (await db.prisma.recordLink.findMany({ where: { companyId, procoreType: LINK_TYPES.cost_code }, select: { qbId: true } })).map((l) => l.qbId),
    );
    const candidates = (await db.prisma.qbListEntry.findMany({ where: { companyId, listType: 'Item', deletedAt: null, isActive: true } })).filter(
      (i) => COST_ITEM_ELEMENTS.has(i.retElement ?? '') && !linked.has(i.listId) && i.listId !== settings.invoiceRetainageItem?.listId,
    );
    // An item already flagged (conflict, or refused by Procore) at its current EditSequence waits for a person to
    // change it in QuickBooks: trying again would repeat the same audit entry, or the same refused write, every refresh.
    const flags = await db.prisma.auditEntry.findMany({
      where: {
        companyId,
        action: { in: ['import.cost_code_conflict', 'import.cost_code_failed'] },
        subjectType: 'qb_item',
        subjectId: { in: candidates.map((i) => i.listId) },
      },
      select: { subjectId: true, detail: true },
    });
    const flagged = new Set(flags.map((f) => `${f.subjectId}:${flaggedEditSequence(f.detail)}`));
    const items = candidates.filter((i) => !flagged.has(`${i.listId}:${i.editSequence}`));
    if (items.length === 0) return { created: 0, linked: 0 };
    const lists = await client.standardCostCodes.listLists();
    const list = lists[0];
    if (!list) return { failed: 'The Procore company has no standard cost code list.' };
    const existing = await client.standardCostCodes.list(list.id);
    const byKey = new Map<string, (typeof existing)[number]>();
    for (const code of existing) {
      byKey.set((code.full_code ?? code.code).toLowerCase(), code);
      byKey.set(`${code.full_code ?? code.code} ${code.name}`.toLowerCase(), code);
      if (code.origin_id) byKey.set(`origin:${code.origin_id}`, code);
    }
    const toCreate: Array<{ item: (typeof items)[number]; code: string; name: string }> = [];
    const matches: Array<{ item: (typeof items)[number]; codeId: number; code: string; name: string }> = [];
    for (const item of items) {
      const { code, name } = splitItemName(item.name);
      const found = byKey.get(`origin:${item.listId}`) ?? byKey.get(item.name.toLowerCase()) ?? byKey.get(code.toLowerCase());
      if (found) matches.push({ item, codeId: found.id, code: found.full_code ?? found.code, name: found.name });
      else toCreate.push({ item, code, name });
    }
    let created = 0;
    if (toCreate.length > 0) {
      // Procore keeps a sub-code without its parent's prefix ("050" under "04"), with parent_id.
      const result = await client.standardCostCodes.sync(
        list.id,
        toCreate.map((c) => {
          const cut = c.code.lastIndexOf('-');
          const parent = cut > 0 ? byKey.get(c.code.slice(0, cut).toLowerCase()) : undefined;
          return parent
            ? { code: c.code.slice(cut + 1), name: c.name, parent_id: parent.id, origin_id: c.item.listId, origin_data: c.item.editSequence }
            : { code: c.code, name: c.name, origin_id: c.item.listId, origin_data: c.item.editSequence };
        }),
      );
      for (const s of result.succeeded) {
        const c = toCreate[s.index]!;
        matches.push({ item: c.item, codeId: s.entity.id, code: s.entity.full_code ?? s.entity.code, name: s.entity.name });
        created += 1;
      }
      for (const f of result.failures) {
        const c = toCreate[f.index]!;
        await audit('import.cost_code_failed', 'error', 'qb_item', c.item.listId, {
          item: c.item.fullName,
          editSequence: c.item.editSequence,
          message: f.messages.join('; ') || f.reason,
        });
      }
    }
    for (const m of matches) {
      await db.prisma.$transaction(async (tx) => {
        const taken = await tx.recordLink.findFirst({ where: { companyId, procoreType: LINK_TYPES.cost_code, procoreId: String(m.codeId) } });
        if (taken) {
          // Two QuickBooks items for one Procore cost code: flagged for a person, never merged.
          await tx.auditEntry.create({
            data: {
              companyId,
              actor: IMPORT_ACTOR,
              action: 'import.cost_code_conflict',
              direction: 'internal',
              outcome: 'error',
              subjectType: 'qb_item',
              subjectId: m.item.listId,
              detail: {
                item: m.item.fullName,
                editSequence: m.item.editSequence,
                standardCostCodeId: m.codeId,
                code: m.code,
                linkedItem: taken.qbName ?? taken.qbId,
                message: `QuickBooks item "${m.item.fullName}" looks like Procore cost code ${m.code}, which is already linked to QuickBooks item "${taken.qbName ?? taken.qbId}". Rename one of the items, or map the cost code by hand.`,
              },
            },
          });
          return;
        }
        await tx.recordLink.create({
          data: {
            companyId,
            procoreType: LINK_TYPES.cost_code,
            procoreId: String(m.codeId),
            qbType: m.item.retElement === 'ItemOtherChargeRet' ? QB_TYPES.cost_code_other_charge : QB_TYPES.cost_code_service,
            qbId: m.item.listId,
            editSequence: m.item.editSequence,
            qbName: m.item.fullName,
          },
        });
        await tx.procoreRecord.upsert({
          where: { companyId_resourceType_procoreId: { companyId, resourceType: 'standard_cost_code', procoreId: String(m.codeId) } },
          create: {
            companyId,
            resourceType: 'standard_cost_code',
            procoreId: String(m.codeId),
            originId: m.item.listId,
            data: { id: m.codeId, code: m.code, full_code: m.code, name: m.name, standard_cost_code_list_id: list.id },
          },
          update: {},
        });
        // Cost already read against this item can now be attributed.
        await tx.qbTransaction.updateMany({
          where: {
            companyId,
            deletedAt: null,
            txnId: { in: (await tx.qbCostLine.findMany({ where: { companyId, itemListId: m.item.listId }, select: { txnId: true } })).map((l) => l.txnId) },
          },
          data: { needsPush: true },
        });
        await tx.auditEntry.create({
          data: {
            companyId,
            actor: IMPORT_ACTOR,
            action: 'import.cost_code_linked',
            direction: 'to_procore',
            outcome: 'ok',
            subjectType: 'qb_item',
            subjectId: m.item.listId,
            detail: { item: m.item.fullName, editSequence: m.item.editSequence, standardCostCodeId: m.codeId, code: m.code },
          },
        });
      });
    }
    let budgetLines = 0;
    if (settings.autoAddCostCodesToBudgets && created > 0) {
      // Integrated = linked to a QuickBooks job that still exists (a deleted job's project was deactivated, or is no longer fed).
      const deletedJobs = new Set(
        (await db.prisma.qbListEntry.findMany({ where: { companyId, listType: 'Customer', deletedAt: { not: null } }, select: { listId: true } })).map(
          (e) => e.listId,
        ),
      );
      const projects = (
        await db.prisma.recordLink.findMany({ where: { companyId, procoreType: LINK_TYPES.project }, select: { procoreId: true, qbId: true } })
      ).filter((p) => !deletedJobs.has(p.qbId));
      const newCodes = matches.slice(matches.length - created);
      for (const project of projects) {
        try {
          const result = await client.costCodes.sync(
            project.procoreId,
            newCodes.map((m) => ({ standard_cost_code_id: m.codeId, code: m.code, name: m.name })),
          );
          for (const s of result.succeeded) {
            await client.budget.createLineItem(project.procoreId, { cost_code_id: s.entity.id, original_budget_amount: 0 });
            budgetLines += 1;
          }
        } catch (error) {
          const failure = procoreFailure(error, `add new cost codes to the budget of project ${project.procoreId}`);
          await audit('import.budget_lines_failed', 'error', 'project', project.procoreId, {
            message: failure instanceof Error ? failure.message : String(failure),
          });
        }
      }
    }
    return { created, linked: matches.length, budgetLines };
  }

  async function applyVendors() {
    const settings = await getCompanySettings(db, companyId);
    let updated = 0;
    if (settings.vendorUpdatePolicy === 'update') {
      const links = await db.prisma.recordLink.findMany({
        where: { companyId, procoreType: LINK_TYPES.vendor },
        select: { procoreId: true, qbId: true, editSequence: true },
      });
      const entries = new Map(
        (await db.prisma.qbListEntry.findMany({ where: { companyId, listType: 'Vendor', deletedAt: null, listId: { in: links.map((l) => l.qbId) } } })).map(
          (e) => [e.listId, e],
        ),
      );
      // Our copy of a QuickBooks vendor is read through its check (read-stored.ts): a damaged copy fails that vendor's
      // update only, audited with the row named, and the others still reach Procore.
      const damaged: Array<{ procoreId: string; message: string }> = [];
      const changed = links.flatMap((l) => {
        const e = entries.get(l.qbId);
        if (!e || e.editSequence === l.editSequence) return [];
        try {
          return [{ link: l, entry: e, data: readStoredQbListEntry(e) }];
        } catch (error) {
          damaged.push({ procoreId: l.procoreId, message: error instanceof Error ? error.message : String(error) });
          return [];
        }
      });
      for (const d of damaged) await audit('import.vendor_update_failed', 'error', 'vendor', d.procoreId, { code: 'STORED_VALUE_INVALID', message: d.message });
      if (changed.length > 0) {
        const result = await client.vendors.sync(changed.map(({ link, data }) => vendorUpdate(Number(link.procoreId), data)));
        for (const s of result.succeeded) {
          const { link, entry } = changed[s.index]!;
          await db.prisma.recordLink.updateMany({
            where: { companyId, procoreType: LINK_TYPES.vendor, procoreId: link.procoreId },
            data: { editSequence: entry.editSequence, qbName: entry.fullName },
          });
          await audit('import.vendor_updated', 'ok', 'vendor', link.procoreId, { qbListId: entry.listId, name: entry.name });
          updated += 1;
        }
        for (const f of result.failures) {
          const { link } = changed[f.index]!;
          await audit('import.vendor_update_failed', 'error', 'vendor', link.procoreId, { message: f.messages.join('; ') || f.reason });
        }
      }
    }
    const deactivated = await deactivateDeleted('Vendor', 'vendor');
    return { updated, ...deactivated };
  }

  /**
   * A Procore vendor or project we created from a QuickBooks entry that QuickBooks then deleted: made inactive.
   * One a person only linked to the entry is theirs, not ours: it stays active, but the link to an entry that no
   * longer exists is removed (an export would otherwise name it and fail with 3140), with an audit entry that says so.
   */
  async function deactivateDeleted(listType: 'Customer' | 'Vendor', procoreType: 'project' | 'vendor') {
    const deleted = await db.prisma.qbListEntry.findMany({
      where: { companyId, listType, deletedAt: { not: null } },
      select: { listId: true, fullName: true },
    });
    if (deleted.length === 0) return { deactivated: 0, unlinked: 0 };
    const pushes = await db.prisma.procorePush.findMany({
      where: { companyId, procoreType, status: 'active', sourceId: { in: deleted.map((d) => d.listId) } },
    });
    const created = new Set(
      (
        await db.prisma.procorePush.findMany({ where: { companyId, procoreType, sourceId: { in: deleted.map((d) => d.listId) } }, select: { sourceId: true } })
      ).map((p) => p.sourceId),
    );
    const nameOf = new Map(deleted.map((d) => [d.listId, d.fullName]));
    const linkedOnly = await db.prisma.recordLink.findMany({
      where: { companyId, procoreType, qbType: listType, qbId: { in: deleted.map((d) => d.listId).filter((id) => !created.has(id)) } },
    });
    let unlinked = 0;
    for (const link of linkedOnly) {
      const what = procoreType === 'project' ? 'job' : 'vendor';
      await db.prisma.$transaction(async (tx) => {
        await tx.recordLink.delete({ where: { id: link.id } });
        await tx.auditEntry.create({
          data: {
            companyId,
            actor: IMPORT_ACTOR,
            action: 'import.link_removed',
            direction: 'to_procore',
            outcome: 'ok',
            subjectType: procoreType,
            subjectId: link.procoreId,
            detail: {
              reason: 'deleted in QuickBooks',
              qbListId: link.qbId,
              message: `The QuickBooks ${what} "${nameOf.get(link.qbId) ?? link.qbName ?? link.qbId}" was deleted in QuickBooks, so Procore ${procoreType} ${link.procoreId} is no longer linked to it. Link it to another ${what} under Refresh ${procoreType === 'project' ? 'Jobs' : 'Vendors'}, or export it to create one.`,
            } as never,
          },
        });
      });
      unlinked += 1;
    }
    let deactivated = 0;
    for (const push of pushes) {
      try {
        const result =
          procoreType === 'vendor'
            ? await client.vendors.sync([{ id: Number(push.procoreId), is_active: false }])
            : await client.projects.sync([{ id: Number(push.procoreId), active: false }]);
        if (result.failures.length > 0) throw new Error(result.failures[0]!.messages.join('; '));
        await db.prisma.procorePush.update({ where: { id: push.id }, data: { status: 'deleted', deletedAt: new Date() } });
        await audit('import.procore_record_deactivated', 'ok', procoreType, push.procoreId, { reason: 'deleted in QuickBooks', qbListId: push.sourceId });
        deactivated += 1;
      } catch (error) {
        const failure = procoreFailure(error, `deactivate ${procoreType} ${push.procoreId} in Procore`);
        await audit('import.procore_record_deactivate_failed', 'error', procoreType, push.procoreId, {
          message: failure instanceof Error ? failure.message : String(failure),
        });
      }
    }
    return { deactivated, unlinked };
  }
}

/**
 * "03-300 Cast-in-place Concrete" → code 03-300, name Cast-in-place Concrete. A name without a leading code
 * ("Permits & Fees") gets a code made of its letters and digits (PERMITSFEES): Procore codes take only
 * letters, digits, "." and "_" per segment.
 */
export function splitItemName(itemName: string): { code: string; name: string } {
  const trimmed = itemName.trim();
  const match = /^([0-9][0-9A-Za-z._-]*)\s+(.+)$/.exec(trimmed);
  if (match) return { code: match[1]!, name: match[2]! };
  return {
    code:
      trimmed
        .replace(/[^A-Za-z0-9]/g, '')
        .slice(0, 20)
        .toUpperCase() || 'ITEM',
    name: trimmed,
  };
}

export function vendorUpdate(procoreId: number, entry: QbListEntry) {
  const address = entry.contact?.address ?? null;
  return {
    id: procoreId,
    name: entry.companyName ?? entry.name,
    origin_id: entry.listId,
    origin_data: entry.editSequence,
    is_active: entry.isActive,
    ...(address?.line1 ? { address: address.line1 } : {}),
    ...(address?.city ? { city: address.city } : {}),
    ...(address?.postalCode ? { zip: address.postalCode } : {}),
    ...(entry.contact?.email ? { email_address: entry.contact.email } : {}),
    ...(entry.contact?.phone ? { business_phone: entry.contact.phone } : {}),
  };
}

/** The EditSequence an audit entry flagged (its detail is JSON we wrote; anything else flags nothing). */
function flaggedEditSequence(detail: unknown): string {
  const value = detail !== null && typeof detail === 'object' ? (detail as Record<string, unknown>).editSequence : undefined;
  return typeof value === 'string' ? value : '';
}
