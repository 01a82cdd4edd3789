import { Arg, Ctx, ID, Int, Query, Resolver } from 'type-graphql';
import { SubgraphContext } from '../../kit/server/context.type';
import { notReachable } from '../../kit/rules/errors';
import { MajAccountOperationKind } from '../entities/enums';
import { MajManagementAccount } from '../entities/management-account.type';
import type { MandataireLoaders } from '../loaders';
import { buildManagementAccount, LedgerLine } from '../rules/account.rule';
import { badInput, MandataireCode, refusal } from '../rules/errors';
import { OPENING_BALANCE_SQL, OPERATIONS_BETWEEN_SQL } from '../sql';

type Ctx = SubgraphContext<MandataireLoaders>;

@Resolver(() => MajManagementAccount)
export class ManagementAccountResolver {
  @Query(() => MajManagementAccount, {
    nullable: true,
    description:
      'The compte de gestion of a MAJ for one calendar year: opening balance, receipts and payments by kind, closing balance (arithmetic checked).',
  })
  async managementAccount(
    @Arg('judicialMeasureId', () => ID) judicialMeasureId: string,
    @Arg('year', () => Int) year: number,
    @Ctx() ctx: Ctx,
  ): Promise<MajManagementAccount> {
    if (!Number.isInteger(year) || year < 2000 || year > 2100) {
      throw badInput('year', '« year » est une année (2000–2100).', '"year" is a year (2000–2100).');
    }
    const j = await ctx.loaders.judicialMeasure.load(judicialMeasureId);
    if (!j) throw notReachable('JudicialMeasure');
    const from = `${year}-01-01`;
    const to = `${year + 1}-01-01`;
    // Opening balance two ways: the ledger's running balance before 1 January, and the sum of every earlier operation.
    const [opening] = await ctx.dataSource.query(OPENING_BALANCE_SQL, [j.id, from]);
    const openingBalanceCents = Number(opening.last ?? 0);
    if (Number(opening.net) !== openingBalanceCents) {
      throw refusal(
        MandataireCode.LEDGER_INCONSISTENT,
        'C. civ. 495-9',
        "Compte de gestion : le solde d'ouverture ne concorde pas avec les opérations. / Management account: the opening balance does not match the operations.",
      );
    }
    const rows: { kind: MajAccountOperationKind; amount_cents: string; balance_after_cents: string }[] =
      await ctx.dataSource.query(OPERATIONS_BETWEEN_SQL, [j.id, from, to]);
    const lines: LedgerLine[] = rows.map((r) => ({
      kind: r.kind,
      amountCents: Number(r.amount_cents),
      balanceAfterCents: Number(r.balance_after_cents),
    }));
    const figures = buildManagementAccount(openingBalanceCents, lines);
    const withPerson = <T extends object>(t: T) => ({ ...t, beneficiaryId: j.beneficiaryId });
    return {
      beneficiaryId: j.beneficiaryId,
      judicialMeasureId: j.id,
      year,
      ...figures,
      receipts: figures.receipts.map(withPerson),
      payments: figures.payments.map(withPerson),
    };
  }
}
