// Id instance members (Apex Reference, "Id Class"): getSObjectType, to15, addError. An Id is held as a
// string here, so these answer for any string in the form of an Id.
import { ApexPlatformError } from '../../runtime/errors';
import type { ApexValue } from '../../runtime/values';
import { isIdForm } from '../../interpreter/ids';
import type { LocalOrg } from '../org';

export function callId(org: LocalOrg, id: string, key: string, args: ApexValue[]): ApexValue | undefined {
    if (args.length !== 0 || !isIdForm(id)) return undefined;
    switch (key) {
        case 'getsobjecttype': {
            const object = org.schema.objectByKeyPrefix(id.slice(0, 3));
            if (!object)
                throw new ApexPlatformError('UnexpectedException', `No SObject type for the key prefix of ${id}`);
            return org.tokens.objectToken(object.name);
        }
        case 'to15':
            return id.slice(0, 15);
        default:
            return undefined;
    }
}
