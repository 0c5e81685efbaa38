// System.Type members (Apex Reference, "Type Class"): getName, toString, newInstance, equals, hashCode,
// isAssignableFrom; Type.forName is a static of the Type native.
import { UnsupportedError } from '../../runtime/errors';
import type { ApexValue } from '../../runtime/values';
import type { ApexTypeValue } from '../../interpreter/typeValues';
import type { LocalOrg } from '../org';
import { copyCollection } from './collections';
import { newSObject } from '../../interpreter/sobjects';

export function callType(org: LocalOrg, type: ApexTypeValue, key: string, args: ApexValue[]): ApexValue | undefined {
    switch (`${key}/${args.length}`) {
        case 'getname/0':
        case 'tostring/0':
            return type.name;
        case 'equals/1':
            return type === args[0];
        case 'hashcode/0':
            return undefined;
        case 'newinstance/0': {
            const t = type.type;
            if (t.kind === 'class') return org.interp.instantiate(t.cls, [], 0);
            if (t.kind === 'sobject' && t.name) return newSObject(t.name);
            if (t.kind === 'list' || t.kind === 'set' || t.kind === 'map')
                return copyCollection(org.interp, t.kind, type.ref, []);
            throw new UnsupportedError(`Type.newInstance of ${type.name}`);
        }
        case 'isassignablefrom/1': {
            const other = args[0] as ApexTypeValue;
            if (type.type.kind === 'object') return true;
            if (type.type.kind === 'class' && other.type.kind === 'class')
                return other.type.cls.isSubclassOf(type.type.cls);
            return type.name.toLowerCase() === other.name.toLowerCase();
        }
        default:
            return undefined;
    }
}
