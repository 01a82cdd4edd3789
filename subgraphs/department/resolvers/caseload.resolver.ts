import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { OrgKind, Role } from '../../../schema/policy';
import type { Caller } from '../../kit/access/caller';
import { afterCursor, pageSize } from '../../kit/schema/pagination';
import { Beneficiary, CaseAlert, CaseAlertKind, Measure } from '../entities';
import { beneficiaryReach, measureReach } from '../permissions/reach';
import { ALERTS_SQL } from '../sql';
import { rawRead, readTogether } from '../../kit/db/loaders';
import { Ctx as Context } from './support';
import { Public } from '../../kit/schema/public';

/**
 * The caller as département staff running a caseload (TRAVAILLEUR_SOCIAL, ENCADRANT), for the alerts on a person's
 * situation (arrears, MAJ, protection, eligibility): a délégataire or an MJPM sees the alerts of the measures it
 * reaches, as before, not the person's judicial or tenancy events it was not told of (strict necessity).
 */
function asCaseloadStaff(caller: Caller): Caller {
  if (caller.orgKind !== OrgKind.DEPARTEMENT) return { ...caller, roles: [] };
  return { ...caller, roles: caller.roles.filter((r) => r === Role.TRAVAILLEUR_SOCIAL || r === Role.ENCADRANT) };
}

/**
 * The `after` cursor of the alerts (sql.ts ALERTS_SQL orders by person, then key): the id of the previous page's last
 * alert, `<person>:<key>`; or a person's id alone, for the alerts of the persons after that one (as the other lists'
 * cursors are ids).
 */
function alertCursor(after: string | undefined | null): { person: string; key: string } | null {
  if (after == null) return null;
  const [person, key = LAST_KEY, ...rest] = after.split(':');
  // each part an id, else the lists' own refusal of a cursor (a third part: the whole is not an id)
  return { person: afterCursor(rest.length ? after : person)!, key: afterCursor(key)! };
}
const LAST_KEY = 'ffffffff-ffff-ffff-ffff-ffffffffffff';

@Resolver(() => CaseAlert)
export class CaseloadResolver {
  @Query(() => [CaseAlert], {
    description:
      'Alerts on the persons and measures in your reach (CaseAlertKind: terms ending or passed, 48-month cap near, renewal without evaluation, arrears, direct payment and MAJ ending, protection opened during a MASP, eligibility expired), by person; `after` = last id (or a person id: the persons after it).',
  })
  async caseloadAlerts(
    @Ctx() ctx: Context,
    @Arg('first', () => Int, { defaultValue: 50 }) first: number,
    @Arg('after', () => ID, { nullable: true }) after?: string,
  ): Promise<CaseAlert[]> {
    const measure = measureReach(ctx.caller);
    const person = beneficiaryReach(asCaseloadStaff(ctx.caller), 'b');
    // every measure in reach is of a person in the caller's reach (permissions/reach.ts): the persons walked
    const outer = beneficiaryReach(ctx.caller, 'b');
    const limit = pageSize(first);
    const cursor = alertCursor(after);
    const [sql, values] = ctx.dataSource.driver.escapeQueryWithParameters(
      ALERTS_SQL({ outer: outer.sql, measure: measure.sql, person: person.sql }, { after: cursor !== null, limit }),
      {
        ...outer.params,
        ...measure.params,
        ...person.params,
        ...(cursor ? { afterPerson: cursor.person, afterKey: cursor.key } : {}),
      },
    );
    // read with the page's other reads (the caseload beside it) in one statement: its columns are JSON-safe (ids, text,
    // dates as text, an int)
    return readTogether(
      ctx.loaders.together,
      rawRead(
        sql,
        values,
        'a.id COLLATE "C"',
        (r) => Object.assign(new CaseAlert(), r, { kinds: [r.kind as CaseAlertKind] }),
        'a',
      ),
    );
  }

  @Public()
  @FieldResolver(() => Measure, { nullable: true })
  measure(@Root() a: CaseAlert, @Ctx() ctx: Context): Promise<Measure | null> {
    return a.measureId ? ctx.loaders.measure.load(a.measureId) : Promise.resolve(null);
  }

  @Public()
  @FieldResolver(() => Beneficiary, { nullable: true })
  beneficiary(@Root() a: CaseAlert, @Ctx() ctx: Context): Promise<Beneficiary | null> {
    return ctx.loaders.beneficiary.load(a.beneficiaryId);
  }
}
