import { Arg, Ctx, Mutation, Resolver } from 'type-graphql';
import { Role } from '../../../schema/policy';
import { requireRole } from '../../kit/access/authorize';
import { userError } from '../../kit/rules/errors';
import { DepartmentParameter } from '../entities';
import { badInput } from '../rules/errors';
import { SET_PARAMETER_SQL } from '../sql';
import { Ctx as Context, parametersOn, requireDate, requireText } from './support';
import {
  assertParameterValue,
  assertTermBoundsConsistent,
  PARAMETER_KEYS,
  parameterInForce,
} from '../rules/parameter.rule';
import { SetDepartmentParameterInput } from './types/contract.input';

/** The département's dated parameters (term bounds, 48-month cap, contribution scale, reste-à-vivre, statistics). */
@Resolver()
export class ParameterResolver {
  @Mutation(() => DepartmentParameter, {
    description:
      'Sets a dated département parameter (new version from `validFrom`): ENCADRANT without territory (département-wide).',
  })
  async setDepartmentParameter(
    @Arg('input') input: SetDepartmentParameterInput,
    @Ctx() ctx: Context,
  ): Promise<DepartmentParameter> {
    requireRole(ctx.caller, [Role.ENCADRANT], 'setDepartmentParameter');
    if (ctx.caller.territory)
      throw userError(
        'FORBIDDEN',
        'Un paramètre départemental se fixe au niveau du département. / A département parameter is set département-wide.',
      );
    if (!PARAMETER_KEYS.includes(input.key))
      throw badInput(
        'key',
        `Paramètre inconnu (admis : ${PARAMETER_KEYS.join(', ')}).`,
        `Unknown parameter (allowed: ${PARAMETER_KEYS.join(', ')}).`,
      );
    if (!Number.isInteger(input.value) || input.value < 0)
      throw badInput('value', '« value » est un entier positif.', '"value" is a non-negative integer.');
    // a parameter narrows the statute, never widens it (the article refused), or stays within the practice's range
    assertParameterValue(input.key, input.value);
    const validFrom = requireDate('validFrom', input.validFrom);
    return ctx.dataSource.transaction(async (tx) => {
      // the term bounds in force from `validFrom` must still leave a term: a minimum above the maximum is refused
      if (input.key === 'CONTRACT_MIN_MONTHS' || input.key === 'CONTRACT_MAX_MONTHS') {
        const params = await parametersOn(tx, validFrom);
        params.set(input.key, input.value);
        assertTermBoundsConsistent(
          parameterInForce('CONTRACT_MIN_MONTHS', params.get('CONTRACT_MIN_MONTHS')).value,
          parameterInForce('CONTRACT_MAX_MONTHS', params.get('CONTRACT_MAX_MONTHS')).value,
        );
      }
      await tx.query(SET_PARAMETER_SQL, [input.key, validFrom, input.value, requireText('source', input.source)]);
      return tx.getRepository(DepartmentParameter).findOneByOrFail({ key: input.key, validFrom });
    });
  }
}
