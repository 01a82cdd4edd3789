import { BenefitKind } from '../../../schema/benefits';
import {
  checkDelegationInForceL2713,
  checkManagedBenefitsOfContractL2712,
} from '../../../subgraphs/association/rules/delegation.rule';
import { effectiveStatus } from '../../../subgraphs/association/resolvers/file-lifecycle';
import { DelegatedFileStatus } from '../../../subgraphs/association/entities';

const d = {
  id: 'd1',
  measureId: 'm1',
  beneficiaryId: 'p1',
  associationOrgId: 'a1',
  startsOn: '2026-01-01',
  endsOn: '2026-07-01',
  managedBenefits: [BenefitKind.AAH],
};
const file = { measureId: 'm1', beneficiaryId: 'p1', associationOrgId: 'a1' };

describe('association › a file from a delegation in force (CASF L271-2, L271-3)', () => {
  it('finds the delegation of that measure, to that association, for that person, on its dates', () => {
    expect(checkDelegationInForceL2713([d], file, '2026-01-01')).toEqual({ delegation: d });
    expect(checkDelegationInForceL2713([d], file, '2026-06-30')).toEqual({ delegation: d });
    for (const [f, on] of [
      [file, '2025-12-31'],
      [file, '2026-07-01'],
      [{ ...file, associationOrgId: 'a2' }, '2026-03-01'],
      [{ ...file, beneficiaryId: 'p2' }, '2026-03-01'],
      [{ ...file, measureId: 'm2' }, '2026-03-01'],
    ] as const) {
      const r = checkDelegationInForceL2713([d], f, on);
      expect('violation' in r && r.violation).toMatchObject({ code: 'NO_DELEGATION_IN_FORCE', rule: 'CASF L271-3' });
    }
  });

  it("manages the contract's benefits: any order, nothing more, nothing less", () => {
    const contract = [BenefitKind.AAH, BenefitKind.APL];
    expect(checkManagedBenefitsOfContractL2712(null, contract)).toBeNull();
    expect(checkManagedBenefitsOfContractL2712([BenefitKind.APL, BenefitKind.AAH], contract)).toBeNull();
    expect(checkManagedBenefitsOfContractL2712([BenefitKind.AAH], contract)?.code).toBe(
      'MANAGED_BENEFITS_NOT_CONTRACT',
    );
    expect(
      checkManagedBenefitsOfContractL2712([BenefitKind.AAH, BenefitKind.APL, BenefitKind.RSA], contract),
    ).toMatchObject({ code: 'MANAGED_BENEFITS_NOT_CONTRACT', rule: 'CASF L271-2' });
  });

  it('is CLOSING from the day its delegation ends, whether or not the job ran', () => {
    const f = { status: DelegatedFileStatus.ACTIVE, delegationEndsOn: '2026-07-01' };
    expect(effectiveStatus(f, '2026-06-30')).toBe('ACTIVE');
    expect(effectiveStatus(f, '2026-07-01')).toBe('CLOSING');
    expect(effectiveStatus({ ...f, status: DelegatedFileStatus.CLOSED }, '2026-07-01')).toBe('CLOSED');
    expect(effectiveStatus({ ...f, delegationEndsOn: null }, '2099-01-01')).toBe('ACTIVE');
  });
});
