import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Domain } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { Evaluation } from '../entities';
import { audit, CASE_WORKERS, Ctx as Context, reachablePerson, requireDate } from './support';
import { RecordEvaluationInput } from './types/evaluation.input';

/** Collecte, diagnostic and evaluation of the results: a renewal needs one since its term began (L271-2). */
@Resolver()
export class EvaluationResolver {
  @Mutation(() => Evaluation, { description: 'Collecte (CASU form fields), diagnostic, or evaluation of the results.' })
  async recordEvaluation(@Arg('input') input: RecordEvaluationInput, @Ctx() ctx: Context): Promise<Evaluation> {
    requireRole(ctx.caller, CASE_WORKERS, 'recordEvaluation');
    const person = await reachablePerson(ctx, input.beneficiaryId);
    const { beneficiaryId: _id, evaluatedOn, ...fields } = input;
    return ctx.dataSource.transaction(async (tx) => {
      const repo = tx.getRepository(Evaluation);
      const saved = await repo.save(
        repo.create({
          ...fields,
          beneficiaryId: person.id,
          evaluatedOn: requireDate('evaluatedOn', evaluatedOn),
          authorSub: ctx.caller.sub,
        }),
      );
      await audit(tx, ctx, person.id, 'recordEvaluation', [Domain.SOCIAL, Domain.SOCIAL_SUMMARY]);
      return repo.findOneByOrFail({ id: saved.id });
    });
  }
}
