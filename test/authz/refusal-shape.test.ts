import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { ErrorCode } from '../../subgraphs/kit/rules/errors';
import { AssociationCode } from '../../subgraphs/association/rules/errors';
import { BailleurErrorCode } from '../../subgraphs/bailleur/rules/errors';
import { DepartmentCode } from '../../subgraphs/department/rules/errors';
import { MandataireCode } from '../../subgraphs/mandataire/rules/errors';

/**
 * A business refusal carries `extensions.rule` only if it is built with the kit's `ruleError` / `refusal` (directly or
 * through the partner's typed wrappers). This reads the partners' source and refuses any error built another way with
 * a business code: `userError(<code>, …)` and `new GraphQLError(…)` may only carry the codes that are not business
 * rules (input, access, availability).
 */
const ROOT = join(__dirname, '..', '..');
const PARTNERS = ['department', 'association', 'bailleur', 'mandataire'];
const NOT_A_RULE = new Set<string>([
  ErrorCode.BAD_USER_INPUT,
  ErrorCode.FORBIDDEN,
  ErrorCode.NOT_FOUND,
  ErrorCode.UNAUTHENTICATED,
  ErrorCode.SERVICE_UNAVAILABLE,
]);
const ENUMS: Record<string, Record<string, string>> = {
  DepartmentCode,
  AssociationCode,
  BailleurErrorCode,
  MandataireCode,
};
const BUSINESS = new Set(Object.values(ENUMS).flatMap((e) => Object.values(e)));
/** A rule as `extensions.rule` names it: one or more articles (« CASF L271-5 », « C. civ. 495-8, CASF L271-6 »…). */
const ARTICLES = /^(CASF|C\. civ\.|CJA|CSS) [LRD]?\d[\d-]*(, ((CASF|C\. civ\.|CJA|CSS) )?[LRD]?\d[\d-]*)*$/;
/** The GDPR's articles (retention: « RGPD art. 5.1.e »). */
const GDPR_ARTICLE = /^RGPD art\. \d+(\.\d+)?(\.[a-z])?$/;
const RULE_HELPERS = new Set(['ruleError', 'refusal']);

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return tsFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

/** The code an argument names, when it can be read without running the code (`ErrorCode.X`, `'X'`); else undefined. */
function codeOf(arg: ts.Expression | undefined): string | undefined {
  if (!arg) return undefined;
  if (ts.isStringLiteralLike(arg)) return arg.text;
  if (ts.isPropertyAccessExpression(arg) && ts.isIdentifier(arg.expression)) {
    if (arg.expression.text === 'ErrorCode') return (ErrorCode as Record<string, string>)[arg.name.text];
    const partnerEnum = ENUMS[arg.expression.text];
    if (partnerEnum) return partnerEnum[arg.name.text];
  }
  return undefined;
}

/**
 * Whether a rule argument is an article or DEPARTMENTAL_PRACTICE (one computed at run time is left to the other tests).
 */
function ruleIsNamed(arg: ts.Expression | undefined): boolean {
  if (!arg) return false;
  if (ts.isStringLiteralLike(arg)) return ARTICLES.test(arg.text) || GDPR_ARTICLE.test(arg.text);
  if (ts.isIdentifier(arg)) return arg.text === 'DEPARTMENTAL_PRACTICE';
  return !ts.isTemplateExpression(arg);
}

/**
 * Every error of the file built without the kit's rule helpers whose code is (or may be) a business code, and every
 * rule written as something else than an article or DEPARTMENTAL_PRACTICE (in a `ruleError` / `refusal` call, or the
 * `rule` of a violation a check returns).
 */
export function offences(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const where = (node: ts.Node) => `${fileName}:${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'userError') {
      const code = codeOf(node.arguments[0]);
      // A code this check cannot read (a variable) is refused too: it may be a business code.
      if (code === undefined || !NOT_A_RULE.has(code))
        found.push(`${where(node)} userError(${node.arguments[0]?.getText(file) ?? ''}, …)`);
    }
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'GraphQLError') {
      found.push(`${where(node)} new GraphQLError(…)`);
    }
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      RULE_HELPERS.has(node.expression.text) &&
      !ruleIsNamed(node.arguments[1])
    ) {
      found.push(`${where(node)} ${node.expression.text}(…, rule ${node.arguments[1]?.getText(file) ?? 'missing'}, …)`);
    }
    if (ts.isPropertyAssignment(node) && node.name.getText(file) === 'rule' && !ruleIsNamed(node.initializer)) {
      found.push(`${where(node)} rule: ${node.initializer.getText(file)}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('a partner refuses a business rule only through ruleError / refusal', () => {
  it("finds the partners' source files and their business codes", () => {
    for (const p of PARTNERS) expect(tsFiles(join(ROOT, 'subgraphs', p)).length).toBeGreaterThan(10);
    for (const code of BUSINESS) expect(NOT_A_RULE.has(code)).toBe(false);
    expect(BUSINESS).toContain('MAJ_NOT_ACTIVE');
    expect(BUSINESS).toContain('NO_ACTIVE_ORDER');
  });

  it('sees a business code thrown the old way or a rule that names no article, and lets input and access errors through', () => {
    const bad = [
      "throw userError(MandataireCode.MAJ_NOT_ACTIVE, 'Cette MAJ a pris fin. / This MAJ ended.');",
      "throw userError('NO_ACTIVE_ORDER', 'x');",
      'throw userError(v.code, v.message, v.extra);',
      "throw new GraphQLError('x', { extensions: { code: 'ORDER_OVERLAP' } });",
      "throw ruleError(DepartmentCode.PARAMETER_MISSING, 'Paramètres départementaux', 'a', 'b');",
      "throw refusal(MandataireCode.MAJ_NOT_ACTIVE, '', 'a / b');",
      "return { code: AssociationCode.INSUFFICIENT_BALANCE, rule: 'Solde', message: 'a / b' };",
    ];
    for (const line of bad) expect(offences('x.ts', line)).toHaveLength(1);
    const fine = [
      "throw userError(ErrorCode.BAD_USER_INPUT, 'a / b', { field: 'x' });",
      "throw userError('FORBIDDEN', 'a / b');",
      "throw refusal(MandataireCode.MAJ_NOT_ACTIVE, 'C. civ. 495-8', 'a / b');",
      "throw ruleError(BailleurErrorCode.ORDER_OVERLAP, 'CASF L271-5', 'a', 'b');",
      "throw ruleError(DepartmentCode.MAJ_NOTICE_WITHOUT_REFERRAL, 'C. civ. 495-2, CASF L271-6', 'a', 'b');",
      "throw refusal(BailleurErrorCode.MONTH_IN_FUTURE, DEPARTMENTAL_PRACTICE, 'a / b');",
      "return { code: AssociationCode.INSUFFICIENT_BALANCE, rule: DEPARTMENTAL_PRACTICE, message: 'a / b' };",
    ];
    for (const line of fine) expect(offences('x.ts', line)).toEqual([]);
  });

  it.each(PARTNERS)(
    '%s: no business refusal built with userError or new GraphQLError, every rule an article or DEPARTMENTAL_PRACTICE',
    (partner) => {
      const found = tsFiles(join(ROOT, 'subgraphs', partner)).flatMap((path) =>
        offences(relative(ROOT, path), readFileSync(path, 'utf8')),
      );
      expect(found).toEqual([]);
    },
  );
});
