// Where the projects the loader tests read live: the repository's own SFDX project and small fixtures.
import path from 'node:path';
import { loadProject } from '../../src/project';
import type { ProjectModel } from '../../src/project';

export const REPO_ROOT = path.resolve(__dirname, '../../..');
export const FIXTURES = path.join(__dirname, 'fixtures');

export function fixture(name: string): string {
    return path.join(FIXTURES, name);
}

let relay: ProjectModel | undefined;

/** The Relay project itself (force-app), loaded once for all tests. */
export function relayProject(): ProjectModel {
    relay ??= loadProject(REPO_ROOT);
    return relay;
}

let platform: ProjectModel | undefined;

/** The runtime tests' platform fixture (local-org/test/fixtures/platform): among others, a hierarchy custom setting. */
export function platformProject(): ProjectModel {
    platform ??= loadProject(path.join(__dirname, '..', 'fixtures', 'platform'));
    return platform;
}

let basic: ProjectModel | undefined;

/** The fixture with one of each field type and metadata kind. */
export function basicProject(): ProjectModel {
    basic ??= loadProject(fixture('basic'));
    return basic;
}
