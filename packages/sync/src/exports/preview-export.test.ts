import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, databaseKinds, type TestDatabase } from '@connector/db/testing';
import { createCompany } from '../companies/create-company.ts';
import { previewExport } from './preview-export.ts';
import type { CostCodeMapCache } from './read-export-source.ts';

const kinds = await databaseKinds();
/** The source is stored on the export row, so the preview reads nothing from Procore. */
const noProcore = async () => {
  throw new Error('the preview must not read Procore here');
};
const noCostCodes = { get: noProcore } as unknown as CostCodeMapCache;

describe.each(kinds)('export preview names cost codes, not their ids (%s)', (kind) => {
  let testDb: TestDatabase;
  let companyId: string;
  const db = () => testDb.database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    companyId = (await createCompany(db(), { procoreCompanyId: '81', name: 'Preview GC', actor: 't' })).id;
    const other = (await createCompany(db(), { procoreCompanyId: '82', name: 'Other GC', actor: 't' })).id;
    await db().prisma.procoreRecord.createMany({
      data: [
        { companyId, resourceType: 'project', procoreId: '10', data: { id: 10, project_number: 'P-10', name: 'Harbor Tower' } },
        { companyId, resourceType: 'standard_cost_code', procoreId: '41000049', data: { id: 41000049, full_code: '03-300', name: 'Cast-in-place Concrete' } },
        // Another company's code with the same id never names ours.
        { companyId: other, resourceType: 'standard_cost_code', procoreId: '41000050', data: { id: 41000050, full_code: '99-999', name: 'Not ours' } },
      ],
    });
    await db().prisma.exportRecord.create({
      data: {
        companyId,
        recordType: 'budget',
        procoreId: '10',
        procoreProjectId: '10',
        title: 'Budget — P-10 Harbor Tower',
        source: {
          record: {
            type: 'budget',
            projectId: 10,
            projectName: 'Harbor Tower',
            rows: [
              { cost_code_id: 41000049, cost_code: null, original_budget_amount: '1200.00', budget_modifications: '0.00' },
              { cost_code_id: 41000050, cost_code: null, original_budget_amount: '300.00', budget_modifications: '0.00' },
            ],
          },
        },
      },
    });
  });
  afterAll(async () => testDb?.dispose());

  it('shows "(new) item for cost code 03-300 Cast-in-place Concrete" where it showed the cost code id', async () => {
    const preview = await previewExport(db(), { companyId, recordType: 'budget', procoreId: '10', clientFor: noProcore, costCodes: noCostCodes });
    const values = preview.fields.map((f) => f.value);
    expect(values).toContain('(new) item for cost code 03-300 Cast-in-place Concrete');
    expect(values.join(' ')).not.toContain('41000049');
    expect(preview.dependencies).toContainEqual(
      expect.objectContaining({ kind: 'item', procoreId: 41000049, label: 'the item for cost code 03-300 Cast-in-place Concrete' }),
    );
    // The job the budget needs is named by its project, not "Procore project 10".
    const labels = preview.dependencies.map((d) => d.label).join(' | ');
    expect(labels).toContain('the job for project Harbor Tower');
    expect(labels).not.toMatch(/Procore project 10\b/);
    // A code the company's copy does not have keeps saying it is a Procore id (another company's name is never used).
    expect(values).toContain('(new) item for Procore cost code 41000050');
  });
});
