import {
  assertContractTermNotPassed,
  assertConventionInForce,
  assertDelegataireRegistered,
  delegationEndsOn,
  reachEndsOn,
} from '../../../subgraphs/department/rules/delegation.rule';

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return { code: (e as any).extensions.code, rule: (e as any).extensions.rule };
  }
  return null;
};

describe('department › delegation rules (CASF L271-2, L271-3)', () => {
  it('delegates only to an organisation of the register', () => {
    expect(codeOf(() => assertDelegataireRegistered(null, 'x'))).toEqual({
      code: 'DELEGATAIRE_NOT_REGISTERED',
      rule: 'CASF L271-3',
    });
    expect(assertDelegataireRegistered({ id: 'a' }, 'a')).toEqual({ id: 'a' });
  });

  it('needs the named convention in force on the first day: from its start, until the day before its end', () => {
    const conventions = [{ id: '1', reference: 'C', startsOn: '2025-01-01', endsOn: '2026-01-01' }];
    const at = (ref: string, on: string) => codeOf(() => assertConventionInForce(conventions, ref, on));
    expect(at('C', '2024-12-31')).toEqual({ code: 'CONVENTION_NOT_IN_FORCE', rule: 'CASF L271-3' });
    expect(at('C', '2025-01-01')).toBeNull();
    expect(at('C', '2025-12-31')).toBeNull();
    expect(at('C', '2026-01-01')?.code).toBe('CONVENTION_NOT_IN_FORCE');
    expect(at('x', '2025-06-01')?.code).toBe('CONVENTION_NOT_IN_FORCE');
    expect(codeOf(() => assertConventionInForce([{ ...conventions[0], endsOn: null }], 'C', '2099-01-01'))).toBeNull();
  });

  it('ends a contract at its term: the day before is in force, the term day is not', () => {
    expect(codeOf(() => assertContractTermNotPassed('2026-06-01', '2026-05-31'))).toBeNull();
    expect(codeOf(() => assertContractTermNotPassed('2026-06-01', '2026-06-01'))).toEqual({
      code: 'CONTRACT_TERM_PASSED',
      rule: 'CASF L271-2',
    });
    // the French half dates in French (« 1er juin 2026 »), the English half keeps the ISO date
    expect(() => assertContractTermNotPassed('2026-06-01', '2026-06-02')).toThrow(
      'CASF L271-2 : le contrat a pris fin à son terme, le 1er juin 2026 : un nouveau contrat est nécessaire. / ' +
        'CASF L271-2: the contract ended at its term on 2026-06-01: a new contract is needed.',
    );
  });

  it("ends a delegation at its own end, the contract's term or the convention's end, whichever comes first", () => {
    expect(delegationEndsOn(null, '2026-06-01', null)).toBe('2026-06-01');
    expect(delegationEndsOn('2026-03-01', '2026-06-01', null)).toBe('2026-03-01');
    expect(delegationEndsOn(null, '2026-06-01', '2026-04-01')).toBe('2026-04-01');
    expect(reachEndsOn('2026-06-01', 2)).toBe('2026-08-01');
    expect(reachEndsOn('2025-12-31', 2)).toBe('2026-02-28');
  });
});
