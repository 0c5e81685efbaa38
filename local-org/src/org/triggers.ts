// Apex triggers: a trigger on an object runs for the events it names, with Trigger.new/old/newMap/oldMap and
// the is* flags of the event (Apex Developer Guide, "Triggers", "Trigger Context Variables"). Before
// triggers can change Trigger.new, which is what gets saved.
import { ApexList, ApexMap, T, typeRef, type SObjectValue } from '../runtime/values';
import { Frame } from '../interpreter/frame';
import { execute } from '../interpreter/execute';
import type { LocalOrg } from './org';

export interface TriggerContext {
    readonly event: string;
    readonly objectName: string;
    readonly newRecords: ApexList | null;
    readonly oldRecords: ApexList | null;
}

/** Trigger context variables of the innermost running trigger (Trigger.isExecuting is false outside one). */
export const triggerStack: TriggerContext[] = [];

export function runTriggers(
    org: LocalOrg,
    objectName: string,
    event: string,
    newRecords: SObjectValue[] | null,
    oldRecords: SObjectValue[] | null
): void {
    const triggers = org.triggers.filter(
        (t) => t.objectName.toLowerCase() === objectName.toLowerCase() && t.events.includes(event)
    );
    if (triggers.length === 0) return;
    const readOnly = (records: SObjectValue[] | null, yes: boolean): void => {
        for (const record of records ?? []) record.readOnly = yes;
    };
    readOnly(oldRecords, true);
    readOnly(newRecords, event.startsWith('after'));
    const type = typeRef(objectName);
    const context: TriggerContext = {
        event,
        objectName,
        newRecords: newRecords ? new ApexList(type, newRecords) : null,
        oldRecords: oldRecords ? new ApexList(type, oldRecords) : null
    };
    triggerStack.push(context);
    try {
        for (const trigger of triggers) {
            const cls = org.interp.registry.findClass(trigger.type.key, null)!;
            const frame = new Frame(cls, null, trigger.name, false, null, null, trigger.line);
            try {
                org.interp.withFrame(frame, () => execute(org.interp, frame, trigger.body));
            } catch (error) {
                throw error instanceof TriggerFailure ? error : new TriggerFailure(trigger.name, event, error);
            }
        }
    } finally {
        triggerStack.pop();
        readOnly(newRecords, false);
    }
}

/** A trigger ended in an uncaught exception (`thrown`): DML reports it as the statement's failure. */
export class TriggerFailure extends Error {
    constructor(
        readonly trigger: string,
        readonly event: string,
        readonly thrown: unknown
    ) {
        super(`${trigger}: execution of ${event} failed`);
    }
}

/** Trigger.newMap / oldMap: the records by Id (null before insert, when they have none). */
export function recordMap(list: ApexList | null, objectName: string): ApexMap | null {
    if (!list) return null;
    const map = new ApexMap(T.Id, typeRef(objectName));
    for (const record of list.items as SObjectValue[]) {
        const id = record.get('Id');
        if (id === null) return null;
        map.set(id, record);
    }
    return map;
}
