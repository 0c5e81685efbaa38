// Exceptions the interpreter itself raises, with the messages an org gives.
import { ApexPlatformError } from '../runtime/errors';
import type { Interpreter } from './interpreter';

/** Apex Developer Guide, "Exception Class and Built-In Exceptions": NullPointerException on de-referencing null. */
export function nullPointer(interp: Interpreter): never {
    interp.throwPlatform(new ApexPlatformError('NullPointerException', 'Attempt to de-reference a null object'));
}
