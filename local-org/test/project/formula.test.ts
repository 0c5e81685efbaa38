import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { UnsupportedError } from '../../src/runtime/errors';
import { ApexDate, ApexDatetime, ApexDecimal, ApexDouble, type ApexValue } from '../../src/runtime/values';
import {
    evaluateFormula,
    evaluateValidationRules,
    FormulaError,
    FormulaSyntaxError,
    recordFormulaContext,
    type FormulaContext,
    type ValidationRule
} from '../../src/data/schema';
import { relayProject } from './helpers';

const dec = (unscaled: bigint, scale = 0) => new ApexDecimal(unscaled, scale);

function evaluate(
    formula: string,
    fields: Record<string, ApexValue> = {},
    extra: Partial<FormulaContext> = {}
): ApexValue {
    const values = new Map(Object.entries(fields).map(([k, v]) => [k.toLowerCase(), v]));
    return evaluateFormula(formula, { ...recordFormulaContext(values), ...extra });
}

describe('formula operators', () => {
    test('do decimal arithmetic exactly, with the usual precedence', () => {
        assert.deepEqual(evaluate('0.1 + 0.2'), dec(3n, 1));
        assert.deepEqual(evaluate('1 + 2 * 3'), dec(7n));
        assert.deepEqual(evaluate('(1 + 2) * 3'), dec(9n));
        assert.deepEqual(evaluate('2 ^ 3 ^ 2'), dec(512n));
        assert.deepEqual(evaluate('-2 ^ 2'), dec(-4n));
        assert.deepEqual(evaluate('10 / 4'), dec(25n, 1));
        assert.deepEqual(evaluate('1 / 3'), dec(333_333_333_333_333_333n, 18));
    });

    test('read Integer, Double and Decimal field values as numbers', () => {
        assert.deepEqual(
            evaluate('A__c + B__c + C__c', { A__c: 1, B__c: new ApexDouble(0.5), C__c: dec(25n, 2) }),
            dec(175n, 2)
        );
    });

    test('compare with = == <> != < <= > >= and combine with && || !', () => {
        assert.equal(evaluate('1 = 1.0'), true);
        assert.equal(evaluate('1 == 2'), false);
        assert.equal(evaluate("'a' <> 'b'"), true);
        assert.equal(evaluate('2 != 2'), false);
        assert.equal(evaluate('1 < 2 && 2 <= 2 && 3 > 2 && 3 >= 4'), false);
        assert.equal(evaluate('1 > 2 || !(1 > 2)'), true);
    });

    test('concatenate text with & and +, treating blank as empty', () => {
        assert.equal(evaluate('"a" & B__c & 1.50', { B__c: null }), 'a1.5');
        assert.equal(evaluate("'x' + 'y'"), 'xy');
    });

    test('keep a blank number blank and never fire on it', () => {
        assert.equal(evaluate('A__c + 1', { A__c: null }), null);
        assert.equal(evaluate('A__c > 1', { A__c: null }), null);
        assert.equal(evaluate('A__c = null', { A__c: null }), true);
        assert.equal(evaluate("T__c = ''", { T__c: null }), true);
    });

    test('add days to dates and subtract dates', () => {
        assert.deepEqual(evaluate('D__c + 2', { D__c: new ApexDate(100) }), new ApexDate(102));
        assert.deepEqual(evaluate('D__c - E__c', { D__c: new ApexDate(100), E__c: new ApexDate(90) }), dec(10n));
        assert.deepEqual(evaluate('T__c + 0.5', { T__c: new ApexDatetime(0) }), new ApexDatetime(43_200_000));
    });

    test('division by zero and comparing text with a number are formula errors', () => {
        assert.throws(() => evaluate('1 / 0'), FormulaError);
        assert.throws(() => evaluate("1 < 'a'"), /Cannot compare number 1 with text "a"/);
        assert.throws(() => evaluate('IF(1, 2, 3)'), /IF in a formula needs a Boolean/);
    });
});

describe('formula functions', () => {
    test('AND, OR, NOT, IF and CASE choose as documented', () => {
        assert.equal(evaluate('AND(true, 1 = 1, NOT(false))'), true);
        assert.equal(evaluate('OR(false, false)'), false);
        assert.equal(evaluate('IF(A__c > 1, "big", "small")', { A__c: 5 }), 'big');
        assert.deepEqual(evaluate('CASE(S__c, "a", 1, "b", 2, 0)', { S__c: 'b' }), dec(2n));
        assert.deepEqual(evaluate('CASE(S__c, "a", 1, "b", 2, 0)', { S__c: 'z' }), dec(0n));
    });

    test('IF evaluates only the branch it takes', () => {
        assert.deepEqual(evaluate('IF(true, 1, 1 / 0)'), dec(1n));
    });

    test('ISBLANK, ISNULL, BLANKVALUE and NULLVALUE tell blank from set', () => {
        assert.equal(evaluate('ISBLANK(A__c)', { A__c: null }), true);
        assert.equal(evaluate("ISBLANK('')"), true);
        assert.equal(evaluate('ISBLANK(A__c)', { A__c: 0 }), false);
        assert.equal(evaluate('ISNULL(A__c)', { A__c: null }), true);
        assert.equal(evaluate('BLANKVALUE(A__c, "none")', { A__c: '' }), 'none');
        assert.equal(evaluate('NULLVALUE(A__c, 7)', { A__c: 3 }), 3);
    });

    test('ISPICKVAL and TEXT read picklists; TEXT writes dates and date/times as Salesforce does', () => {
        assert.equal(evaluate("ISPICKVAL(Status__c, 'Open')", { Status__c: 'Open' }), true);
        assert.equal(evaluate("ISPICKVAL(Status__c, 'open')", { Status__c: 'Open' }), false);
        assert.equal(evaluate('TEXT(Status__c)', { Status__c: null }), '');
        assert.equal(evaluate('TEXT(D__c)', { D__c: new ApexDate(19_723) }), '2024-01-01');
        assert.equal(
            evaluate('TEXT(T__c)', { T__c: new ApexDatetime(Date.UTC(2024, 0, 1, 9, 5)) }),
            '2024-01-01 09:05:00Z'
        );
        assert.equal(evaluate('TEXT(2.50)'), '2.5');
    });

    test('VALUE, LEN, BEGINS, CONTAINS, LEFT, RIGHT, MID, LOWER, UPPER and TRIM work on text', () => {
        assert.deepEqual(evaluate("VALUE(' 12.5 ')"), dec(125n, 1));
        assert.throws(() => evaluate("VALUE('twelve')"), /VALUE: "twelve" is not a number/);
        assert.deepEqual(evaluate('LEN(A__c)', { A__c: null }), dec(0n));
        assert.deepEqual(evaluate("LEN('hello')"), dec(5n));
        assert.equal(evaluate("BEGINS('Relay', 'Re')"), true);
        assert.equal(evaluate("BEGINS('Relay', 're')"), false);
        assert.equal(evaluate("CONTAINS('billing;vip', 'vip')"), true);
        assert.equal(evaluate("LEFT('abcdef', 2) & RIGHT('abcdef', 2) & MID('abcdef', 2, 3)"), 'abefbcd');
        assert.equal(evaluate("LOWER('AbC') & UPPER('AbC')"), 'abcABC');
        assert.equal(evaluate("TRIM('  a b  ')"), 'a b');
    });

    test('REGEX matches the whole text', () => {
        assert.equal(evaluate("REGEX('+13175550100', '\\\\+[0-9]{11}')"), true);
        assert.equal(evaluate("REGEX('x+13175550100', '\\\\+[0-9]{11}')"), false);
    });

    test('ISNEW, ISCHANGED and PRIORVALUE compare with the record before the save', () => {
        const prior = new Map<string, ApexValue>([['status__c', 'New']]);
        const values = new Map<string, ApexValue>([['status__c', 'Open']]);
        const update = recordFormulaContext(values, { prior, isNew: false });
        assert.equal(evaluateFormula('ISNEW()', update), false);
        assert.equal(evaluateFormula('ISCHANGED(Status__c)', update), true);
        assert.equal(evaluateFormula("ISPICKVAL(PRIORVALUE(Status__c), 'New')", update), true);
        const insert = recordFormulaContext(values, { isNew: true });
        assert.equal(evaluateFormula('ISNEW()', insert), true);
        assert.equal(evaluateFormula('ISCHANGED(Status__c)', insert), false);
        assert.equal(evaluateFormula('PRIORVALUE(Status__c)', insert), 'Open');
        assert.throws(() => evaluateFormula('ISCHANGED(1)', update), /ISCHANGED needs a field/);
    });

    test('NOW and TODAY read the context clock', () => {
        const now = new ApexDatetime(Date.UTC(2024, 5, 1, 12));
        assert.deepEqual(evaluate('NOW()', {}, { now: () => now }), now);
        assert.deepEqual(evaluate('TODAY()', {}, { now: () => now }), new ApexDate(Date.UTC(2024, 5, 1) / 86_400_000));
        assert.deepEqual(evaluate('TODAY()', {}, { today: () => new ApexDate(5) }), new ApexDate(5));
    });

    test('globals such as $User.Id and $Profile.Name come from the context', () => {
        const global = (name: string) => ({ '$User.Id': '005000000000001AAA', '$Profile.Name': 'Standard User' })[name];
        assert.equal(
            evaluate(
                "OwnerId = $User.Id && $Profile.Name = 'Standard User'",
                { OwnerId: '005000000000001AAA' },
                { global }
            ),
            true
        );
    });
});

describe('what formulas do not support', () => {
    test('an unsupported function is refused, naming the function and the rule', () => {
        assert.throws(
            () =>
                evaluate(
                    'INCLUDES(Colours__c, "Red")',
                    { Colours__c: 'Red' },
                    { source: 'validation rule Widget__c.No_Red' }
                ),
            (error: unknown) =>
                error instanceof UnsupportedError &&
                error.message.includes('formula function INCLUDES in validation rule Widget__c.No_Red')
        );
    });

    test('a global the context does not provide is refused, naming it', () => {
        assert.throws(
            () => evaluate('$Setup.Config__c.Level__c = null'),
            /formula global \$Setup\.Config__c\.Level__c/
        );
    });

    test('an unknown field is a formula error when the context knows the object; a field left unset is blank', () => {
        const object = relayProject().schema.object('Relay_Interaction__c');
        const context = recordFormulaContext(new Map(), { object });
        assert.throws(() => evaluateFormula('Missing__c = 1', context), /Unknown field Missing__c in a formula/);
        assert.equal(evaluateFormula('ISBLANK(Tags__c) && ISBLANK(Account__r.Name)', context), true);
        assert.equal(evaluateFormula('ISBLANK(Anything__c)', recordFormulaContext(new Map())), true);
    });

    test('text that does not parse is a syntax error with its position', () => {
        assert.throws(() => evaluate('1 +'), FormulaSyntaxError);
        assert.throws(() => evaluate('IF(true, 1'), /Expected "\)"/);
        assert.throws(() => evaluate("'open"), /Unterminated string at position 1/);
        assert.throws(() => evaluate('1 # 2'), /Unexpected character "#"/);
    });

    test('a wrong number of arguments is a formula error', () => {
        assert.throws(() => evaluate('IF(true, 1)'), /IF takes 3 argument\(s\), not 2/);
        assert.throws(() => evaluate('CASE(1, 2, 3)'), /CASE takes an expression/);
    });
});

describe('validation rules', () => {
    const rules = () => relayProject().validationRules.get('relay_interaction__c') ?? [];
    const interaction = (names: Record<string, string | null>) =>
        recordFormulaContext(new Map(Object.entries(names).map(([k, v]) => [k.toLowerCase(), v])));

    test("Relay's Single_Name rule fires when an interaction names two of account, contact and lead", () => {
        const failures = evaluateValidationRules(
            rules(),
            interaction({ Account__c: '001000000000001AAA', Contact__c: '003000000000001AAA', Lead__c: null })
        );
        assert.deepEqual(failures, [
            {
                rule: 'Single_Name',
                message: 'Choose one name for this interaction: an account, a contact or a lead.',
                field: undefined
            }
        ]);
    });

    test("Relay's Single_Name rule lets an interaction name one of them, or none", () => {
        assert.deepEqual(
            evaluateValidationRules(
                rules(),
                interaction({ Account__c: null, Contact__c: '003000000000001AAA', Lead__c: null })
            ),
            []
        );
        assert.deepEqual(
            evaluateValidationRules(rules(), interaction({ Account__c: null, Contact__c: null, Lead__c: null })),
            []
        );
    });

    test('an inactive rule is not evaluated, even with an unsupported function', () => {
        const rule: ValidationRule = {
            name: 'Legacy_Rule',
            objectName: 'Widget__c',
            active: false,
            errorConditionFormula: 'INCLUDES(Colours__c, "Red")',
            errorMessage: 'No red.',
            source: 'test'
        };
        assert.deepEqual(evaluateValidationRules([rule], interaction({})), []);
        assert.throws(
            () => evaluateValidationRules([{ ...rule, active: true }], interaction({ Colours__c: 'Red' })),
            /INCLUDES in validation rule Widget__c\.Legacy_Rule/
        );
    });

    test('a rule shows its message on its error display field', () => {
        const rule: ValidationRule = {
            name: 'Price_Positive',
            objectName: 'Widget__c',
            active: true,
            errorConditionFormula: 'Price__c <= 0',
            errorMessage: 'A widget has a price.',
            errorDisplayField: 'Price__c',
            source: 'test'
        };
        const context = recordFormulaContext(new Map([['price__c', dec(0n)]]));
        assert.deepEqual(evaluateValidationRules([rule], context), [
            { rule: 'Price_Positive', message: 'A widget has a price.', field: 'Price__c' }
        ]);
    });
});
