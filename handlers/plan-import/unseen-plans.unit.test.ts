import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { AgencyDirectory } from '../../domain/agency/agency-directory.ts';
import { BUILTIN_AGENCIES } from '../../domain/agency/builtin-directory.ts';
import type { PlanPreview } from '../../domain/plan/build-plan-preview.ts';
import { UNSEEN_PLANS } from './__fixtures__/unseen-plans.ts';
import { readPlanPreview } from './read-plan-preview.ts';

async function preview(file: string): Promise<PlanPreview> {
  const bytes = await readFile(new URL(`./__fixtures__/${file}`, import.meta.url));
  const result = await readPlanPreview({ bytes, fileName: file }, new AgencyDirectory(BUILTIN_AGENCIES));
  if (!result.ok) throw new Error(result.reason);
  return result.preview;
}

describe.each(UNSEEN_PLANS)('GIVEN the unseen plan $file', (plan) => {
  it('THEN it imports without errors, in its issuer context, dated from its issue date', async () => {
    const p = await preview(plan.file);
    expect(p.errors).toEqual([]);
    expect(p.context.level).toBe(plan.level);
    expect(p.plan.issueDate).toBe(plan.issueDate);
    expect(p.tasks.map((t) => t.ref)).toEqual(plan.tasks.map((t) => t.ref));
  });

  it.each(plan.tasks)('THEN task $ref has its group, lead agencies and deadline', async (expected) => {
    const task = (await preview(plan.file)).tasks.find((t) => t.ref === expected.ref);
    expect(task).toBeDefined();
    expect({
      group: task!.group,
      lead: task!.lead,
      kind: task!.deadline.kind,
      due: task!.deadline.due,
      start: task!.deadline.start,
    }).toEqual({
      group: expected.group,
      lead: expected.lead,
      kind: expected.kind,
      due: expected.due,
      start: expected.start,
    });
  });

  it('THEN unknown bodies come out whole as learned agencies, nothing unknown, collectives flagged', async () => {
    const p = await preview(plan.file);
    expect(p.learnedAgencies.map((l) => l.name)).toEqual(plan.learned);
    expect(p.unknownAgencies).toEqual([]);
    expect(p.needsAssignment).toEqual(plan.needsAssignment);
  });
});

describe('GIVEN the unseen plans', () => {
  it('THEN typo and spacing variants of known abbreviations resolve with a warning naming them', async () => {
    const p = await preview('lam-dong-province.txt');
    const messages = p.warnings.map((w) => w.messageEn);
    expect(messages).toContainEqual(expect.stringContaining('"SNNMMT" was read as "SNNMT"'));
    expect(messages).toContainEqual(expect.stringContaining('"SGD ĐT" was read as "SGDĐT"'));
  });

  it('THEN abbreviations the document defines are learned for the plan', async () => {
    const p = await preview('lam-dong-province.txt');
    expect(p.tasks.find((t) => t.ref === '5')!.lead).toEqual(['Ban Quản lý Khu kinh tế tỉnh']);
    expect(p.tasks.find((t) => t.ref === '3')!.lead).toEqual(['Trung tâm Phục vụ hành chính công tỉnh']);
  });

  it('THEN a ministry plan keeps code as written with its group, identity group + code', async () => {
    const p = await preview('bo-nnmt-ministry.txt');
    const task = p.tasks.find((t) => t.ref === 'II.3')!;
    expect({ code: task.code, group: task.group }).toEqual({ code: '3', group: 'II' });
  });

  it('THEN role and action text in an agency cell is not an agency', async () => {
    const p = await preview('da-nang-city.csv');
    expect(p.tasks.find((t) => t.ref === '1')!.lead).toEqual(['Ủy ban nhân dân thành phố']);
    expect(p.tasks.find((t) => t.ref === '13')!.lead).toEqual(['Sở Tài chính']);
  });
});
