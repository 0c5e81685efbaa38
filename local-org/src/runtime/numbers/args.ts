// Reading the arguments of native number methods. The interpreter converts a narrower number to the declared
// parameter type before calling; these helpers convert again so a method is correct even when handed the
// narrower value, and turn a null argument into the NullPointerException Apex raises for it.
import { raise } from '../errors';
import { ApexDecimal, ApexDouble, ApexEnumValue, ApexLong, type ApexValue } from '../values';
import { convertNumber } from './promotion';
import { isRoundingMode, type RoundingMode } from './rounding';

function present(value: ApexValue): ApexValue {
    if (value === null || value === undefined) return raise('NullPointerException', 'Argument cannot be null.');
    return value;
}

export function integerArg(value: ApexValue): number {
    return convertNumber(present(value), 'Integer') as number;
}

export function longArg(value: ApexValue): bigint {
    return (convertNumber(present(value), 'Long') as ApexLong).value;
}

export function doubleArg(value: ApexValue): number {
    return (convertNumber(present(value), 'Double') as ApexDouble).value;
}

export function decimalArg(value: ApexValue): ApexDecimal {
    return convertNumber(present(value), 'Decimal') as ApexDecimal;
}

export function roundingModeArg(value: ApexValue): RoundingMode {
    const mode = present(value);
    if (mode instanceof ApexEnumValue && mode.enumName.toLowerCase() === 'roundingmode' && isRoundingMode(mode.name)) {
        return mode.name;
    }
    return raise('TypeException', 'Expected a System.RoundingMode value');
}
