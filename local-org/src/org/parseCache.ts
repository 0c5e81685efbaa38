// Parsed classes are kept for the life of the process, keyed by path and content, so several local orgs in
// one process (the test runner's, a test's own) parse each class once.
import { createHash } from 'node:crypto';
import type * as A from '../apex/ast';
import type { ApexSource } from '../project/types';

const parsed = new Map<string, A.TypeDecl>();

export function parseCache(source: ApexSource, parse: () => A.TypeDecl): A.TypeDecl {
    const key = `${source.path}:${createHash('sha1').update(source.source).digest('hex')}`;
    let decl = parsed.get(key);
    if (!decl) {
        decl = parse();
        parsed.set(key, decl);
    }
    return decl;
}
