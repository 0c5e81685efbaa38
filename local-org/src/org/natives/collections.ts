// List, Set and Map members (Apex Reference, "List Class", "Set Class", "Map Class"). Element equality is
// Apex's (equals/hashCode for user types); elements are converted to the collection's declared type, as
// assignment would (Integer into a List<Decimal> becomes a Decimal).
import { UnsupportedError } from '../../runtime/errors';
import { ApexPlatformError } from '../../runtime/errors';
import {
    ApexEnumValue,
    ApexList,
    ApexMap,
    ApexSet,
    SObjectValue,
    T,
    typeRef,
    type ApexValue,
    type TypeRef
} from '../../runtime/values';
import { ApexObject } from '../../interpreter/classes';
import { callMethod } from '../../interpreter/calls';
import { apexEquals, compareValues, hashCodeOf } from '../../interpreter/equality';
import { nullPointer } from '../../interpreter/errors';
import { isIdForm, sameId } from '../../interpreter/ids';
import { listIndexError } from '../../interpreter/evaluate';
import type { Frame } from '../../interpreter/frame';
import type { Interpreter } from '../../interpreter/interpreter';
import { stringOf } from '../../interpreter/strings';
import { cloneSObject } from './sobject';

function coerceTo(interp: Interpreter, type: TypeRef, value: ApexValue): ApexValue {
    return interp.coerceToElement(value, type);
}

function itemsOf(interp: Interpreter, value: ApexValue): ApexValue[] {
    if (value === null || value === undefined) nullPointer(interp);
    if (value instanceof ApexList) return value.items;
    if (value instanceof ApexSet) return [...value.values()];
    throw new UnsupportedError(`Not supported by the local org: iterating a ${interp.registry.typeNameOf(value)}`);
}

function checkIndex(interp: Interpreter, index: ApexValue, size: number): number {
    if (index === null || index === undefined) nullPointer(interp);
    const i = index as number;
    if (i < 0 || i >= size) interp.throwPlatform(listIndexError(i));
    return i;
}

/**
 * List.contains and indexOf find an element as a Set would: Strings case-sensitively, unlike == (Apex Developer
 * Guide, "Sets": "If the set contains String elements, the elements are case-sensitive"; the List methods,
 * added in Spring '18, behave the same way). An Id matches in its 15- or 18-character form.
 */
function sameElement(interp: Interpreter, item: ApexValue, wanted: ApexValue): boolean {
    if (typeof item === 'string' && typeof wanted === 'string') {
        if (item === wanted) return true;
        return item.length !== wanted.length && isIdForm(item) && isIdForm(wanted) && sameId(item, wanted);
    }
    return apexEquals(interp, item, wanted);
}

/** A java.util.Iterator-like object for list.iterator() and set.iterator(). */
export class ApexIterator {
    readonly apexTypeName = 'System.ListIterator';
    private index = 0;
    constructor(private readonly items: readonly ApexValue[]) {}
    hasNext(): boolean {
        return this.index < this.items.length;
    }
    next(): ApexValue {
        if (this.index >= this.items.length)
            throw new ApexPlatformError('NoSuchElementException', 'Iterator has no more elements.');
        return this.items[this.index++];
    }
}

export function callIterator(it: ApexIterator, name: string): ApexValue {
    switch (name.toLowerCase()) {
        case 'hasnext':
            return it.hasNext();
        case 'next':
            return it.next();
        default:
            throw new UnsupportedError(`Not supported by the local org: Iterator.${name}`);
    }
}

export function callList(
    interp: Interpreter,
    frame: Frame,
    list: ApexList,
    name: string,
    args: ApexValue[]
): ApexValue {
    const items = list.items;
    switch (`${name.toLowerCase()}/${args.length}`) {
        case 'add/1':
            items.push(coerceTo(interp, list.elementType, args[0]));
            return null;
        case 'add/2': {
            const i = args[0] as number;
            if (i < 0 || i > items.length) interp.throwPlatform(listIndexError(i));
            items.splice(i, 0, coerceTo(interp, list.elementType, args[1]));
            return null;
        }
        case 'addall/1':
            for (const item of itemsOf(interp, args[0])) items.push(coerceTo(interp, list.elementType, item));
            return null;
        case 'clear/0':
            items.length = 0;
            return null;
        case 'clone/0':
            return new ApexList(list.elementType, items.slice());
        case 'deepclone/0':
        case 'deepclone/1':
        case 'deepclone/2':
        case 'deepclone/3':
            return new ApexList(
                list.elementType,
                items.map((item) => (item instanceof SObjectValue ? cloneSObject(item, args[0] === true, true) : item))
            );
        case 'contains/1':
            return items.some((item) => sameElement(interp, item, args[0]));
        case 'indexof/1':
            return items.findIndex((item) => sameElement(interp, item, args[0]));
        case 'equals/1':
            return apexEquals(interp, list, args[0]);
        case 'hashcode/0':
            return hashCodeOf(interp, list);
        case 'get/1':
            return items[checkIndex(interp, args[0], items.length)];
        case 'set/2':
            items[checkIndex(interp, args[0], items.length)] = coerceTo(interp, list.elementType, args[1]);
            return null;
        case 'remove/1':
            return items.splice(checkIndex(interp, args[0], items.length), 1)[0];
        case 'size/0':
            return items.length;
        case 'isempty/0':
            return items.length === 0;
        case 'iterator/0':
            return new ApexIterator(items.slice());
        case 'tostring/0':
            return stringOf(interp, list);
        case 'sort/0':
            sortList(interp, frame, list, null);
            return null;
        case 'sort/1':
            sortList(interp, frame, list, args[0]);
            return null;
        case 'getsobjecttype/0':
            return interp.host.staticProperty(interp, interp.resolveType(list.elementType, null), 'SObjectType', frame);
        default:
            throw new UnsupportedError(`Not supported by the local org: List.${name} with ${args.length} argument(s)`);
    }
}

/**
 * List.sort(): primitives ascending, enums by ordinal, Comparable objects by compareTo, SObjects by their
 * fields; List.sort(Comparator) by compare (Apex Reference, "List Class", sort; "Comparable Interface";
 * "Comparator Interface"). A stable sort, as the platform's merge sort is.
 */
function sortList(interp: Interpreter, frame: Frame, list: ApexList, comparator: ApexValue): void {
    let compare: (a: ApexValue, b: ApexValue) => number;
    if (comparator !== null) {
        compare = (a, b) => callMethod(interp, frame, comparator, 'compare', [a, b], frame.line) as number;
    } else {
        compare = (a, b) => {
            if (a === null || a === undefined) return b === null || b === undefined ? 0 : -1;
            if (b === null || b === undefined) return 1;
            if (a instanceof ApexObject) return callMethod(interp, frame, a, 'compareTo', [b], frame.line) as number;
            if (a instanceof ApexEnumValue && b instanceof ApexEnumValue) return a.ordinal - b.ordinal;
            if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
            if (typeof a === 'boolean' && typeof b === 'boolean') return a === b ? 0 : a ? 1 : -1;
            if (a instanceof SObjectValue && b instanceof SObjectValue) return compareSObjects(interp, a, b);
            return compareValues(interp, a, b) ?? 0;
        };
    }
    list.items = list.items
        .map((value, index) => ({ value, index }))
        .sort((x, y) => compare(x.value, y.value) || x.index - y.index)
        .map((entry) => entry.value);
}

/**
 * Apex Developer Guide, "Sorting Lists of sObjects": by the label of the object, then Name, then the standard
 * fields in alphabetical order except Id and Name, then the custom fields in alphabetical order. Related
 * records and child lists held by the records are not fields and take no part.
 */
function compareSObjects(interp: Interpreter, a: SObjectValue, b: SObjectValue): number {
    const label = (record: SObjectValue) =>
        interp.registry.schema.object(record.objectName)?.label ?? record.objectName;
    const [labelA, labelB] = [label(a), label(b)];
    if (labelA !== labelB) return labelA < labelB ? -1 : 1;
    const fields = [...new Set([...a.fields.keys(), ...b.fields.keys()])].filter(
        (f) => f !== 'id' && f !== 'name' && !isRelated(a.get(f)) && !isRelated(b.get(f))
    );
    const custom = (f: string) => f.endsWith('__c');
    const ordered = ['name', ...fields.filter((f) => !custom(f)).sort(), ...fields.filter(custom).sort()];
    for (const field of ordered) {
        const [x, y] = [a.get(field), b.get(field)];
        // Empty fields precede non-empty ones (same page).
        if ((x === null) !== (y === null)) return x === null ? -1 : 1;
        const cmp = compareValues(interp, x, y);
        if (cmp) return cmp;
    }
    return 0;
}

function isRelated(value: ApexValue): boolean {
    return value instanceof SObjectValue || value instanceof ApexList;
}

export function callSet(interp: Interpreter, set: ApexSet, name: string, args: ApexValue[]): ApexValue {
    switch (`${name.toLowerCase()}/${args.length}`) {
        case 'add/1':
            return set.add(coerceTo(interp, set.elementType, args[0]));
        case 'addall/1': {
            let changed = false;
            for (const item of itemsOf(interp, args[0]))
                changed = set.add(coerceTo(interp, set.elementType, item)) || changed;
            return changed;
        }
        case 'clear/0':
            set.clear();
            return null;
        case 'clone/0':
            return new ApexSet(set.elementType, set.values());
        case 'contains/1':
            return set.has(args[0]);
        case 'containsall/1':
            return itemsOf(interp, args[0]).every((item) => set.has(item));
        case 'equals/1':
            return apexEquals(interp, set, args[0]);
        case 'hashcode/0':
            return hashCodeOf(interp, set);
        case 'isempty/0':
            return set.size === 0;
        case 'iterator/0':
            return new ApexIterator([...set.values()]);
        case 'remove/1':
            return set.delete(args[0]);
        case 'removeall/1': {
            let changed = false;
            for (const item of itemsOf(interp, args[0])) changed = set.delete(item) || changed;
            return changed;
        }
        case 'retainall/1': {
            const keep = new ApexSet(set.elementType, itemsOf(interp, args[0]));
            let changed = false;
            for (const item of [...set.values()]) if (!keep.has(item)) changed = set.delete(item) || changed;
            return changed;
        }
        case 'size/0':
            return set.size;
        case 'tostring/0':
            return stringOf(interp, set);
        default:
            throw new UnsupportedError(`Not supported by the local org: Set.${name} with ${args.length} argument(s)`);
    }
}

export function callMap(interp: Interpreter, map: ApexMap, name: string, args: ApexValue[]): ApexValue {
    switch (`${name.toLowerCase()}/${args.length}`) {
        case 'clear/0':
            map.clear();
            return null;
        case 'clone/0':
        case 'deepclone/0': {
            const copy = new ApexMap(map.keyType, map.valueType);
            for (const [k, v] of map.entries())
                copy.set(
                    k,
                    v instanceof SObjectValue && name.toLowerCase() === 'deepclone' ? cloneSObject(v, true, true) : v
                );
            return copy;
        }
        case 'containskey/1':
            return map.has(args[0]);
        case 'equals/1':
            return apexEquals(interp, map, args[0]);
        case 'get/1':
            return map.get(args[0]);
        case 'hashcode/0':
            return hashCodeOf(interp, map);
        case 'isempty/0':
            return map.size === 0;
        case 'keyset/0':
            return new ApexSet(map.keyType, map.keys());
        case 'put/2':
            return map.set(coerceTo(interp, map.keyType, args[0]), coerceTo(interp, map.valueType, args[1]));
        case 'putall/1':
            putAll(interp, map, args[0]);
            return null;
        case 'remove/1':
            return map.delete(args[0]);
        case 'size/0':
            return map.size;
        case 'values/0':
            return new ApexList(map.valueType, [...map.values()]);
        case 'tostring/0':
            return stringOf(interp, map);
        case 'getsobjecttype/0':
            return null;
        default:
            throw new UnsupportedError(`Not supported by the local org: Map.${name} with ${args.length} argument(s)`);
    }
}

/** putAll(Map) copies entries; putAll(List<SObject>) puts each record by its Id (Apex Reference, "Map Class"). */
export function putAll(interp: Interpreter, map: ApexMap, source: ApexValue): void {
    if (source === null || source === undefined) nullPointer(interp);
    if (source instanceof ApexMap) {
        for (const [k, v] of source.entries())
            map.set(coerceTo(interp, map.keyType, k), coerceTo(interp, map.valueType, v));
        return;
    }
    for (const record of itemsOf(interp, source)) {
        if (!(record instanceof SObjectValue))
            throw new UnsupportedError('Map.putAll of a list that is not a list of SObjects');
        const id = record.get('Id');
        if (id === null) interp.throwPlatform(new ApexPlatformError('ListException', 'Row with null Id at index: 0'));
        map.set(id, record);
    }
}

/** `new List<T>(source)`, `new Set<T>(source)`, `new Map<K, V>(source)` copy constructors. */
export function copyCollection(
    interp: Interpreter,
    kind: 'list' | 'set' | 'map',
    ref: TypeRef,
    args: ApexValue[]
): ApexValue {
    const a0 = ref.args[0] ?? T.Object;
    if (kind === 'list') {
        if (args.length === 0) return new ApexList(a0, []);
        if (typeof args[0] === 'number') return new ApexList(a0, new Array<ApexValue>(args[0]).fill(null));
        return new ApexList(
            a0,
            itemsOf(interp, args[0]).map((item) => coerceTo(interp, a0, item))
        );
    }
    if (kind === 'set') {
        return new ApexSet(
            a0,
            args.length === 0 ? [] : itemsOf(interp, args[0]).map((item) => coerceTo(interp, a0, item))
        );
    }
    const map = new ApexMap(a0, ref.args[1] ?? T.Object);
    if (args.length > 0) putAll(interp, map, args[0]);
    return map;
}

export { typeRef };
