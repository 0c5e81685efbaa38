// Trigger context variables (Apex Developer Guide, "Trigger Context Variables"; Apex Reference, "Trigger
// Class", "TriggerOperation Enum"): Trigger.new/old/newMap/oldMap, the is* flags, size and operationType of
// the innermost running trigger. Outside a trigger isExecuting is false and the others are null.
import type { NativeEnum, NativeType } from '../../runtime/native';
import { enumValue, type ApexValue } from '../../runtime/values';
import { recordMap, triggerStack } from '../triggers';

export const TRIGGER_OPERATIONS = [
    'BEFORE_INSERT',
    'BEFORE_UPDATE',
    'BEFORE_DELETE',
    'AFTER_INSERT',
    'AFTER_UPDATE',
    'AFTER_DELETE',
    'AFTER_UNDELETE'
];

export const triggerOperationEnum: NativeEnum = {
    name: 'TriggerOperation',
    namespace: 'System',
    values: TRIGGER_OPERATIONS
};

function property(name: string): ApexValue | undefined {
    const context = triggerStack[triggerStack.length - 1];
    const key = name.toLowerCase();
    if (key === 'isexecuting') return !!context;
    if (!context) return ['new', 'old', 'newmap', 'oldmap', 'operationtype', 'size'].includes(key) ? null : false;
    const [timing, operation] = context.event.split(' ');
    switch (key) {
        case 'new':
            return context.newRecords;
        case 'old':
            return context.oldRecords;
        case 'newmap':
            // Trigger.newMap is available in before update, after insert, after update and after undelete.
            return recordMap(context.newRecords, context.objectName);
        case 'oldmap':
            return recordMap(context.oldRecords, context.objectName);
        case 'isbefore':
            return timing === 'before';
        case 'isafter':
            return timing === 'after';
        case 'isinsert':
            return operation === 'insert';
        case 'isupdate':
            return operation === 'update';
        case 'isdelete':
            return operation === 'delete';
        case 'isundelete':
            return operation === 'undelete';
        case 'size':
            return (context.newRecords ?? context.oldRecords)?.items.length ?? 0;
        case 'operationtype': {
            const name = `${timing}_${operation}`.toUpperCase();
            return enumValue('TriggerOperation', name, TRIGGER_OPERATIONS.indexOf(name));
        }
        default:
            return undefined;
    }
}

export const triggerNative: NativeType = {
    name: 'Trigger',
    namespace: 'System',
    staticProperty: (name) => property(name)
};
