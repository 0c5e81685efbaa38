// Where the preview finds the project's sources and writes its output. Every path is absolute so the
// build, the server and the tests behave the same whatever directory they are started from.
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..');
export const PREVIEW_DIR = path.join(ROOT, 'preview');
export const DIST_DIR = path.join(PREVIEW_DIR, 'dist');
export const LWC_DIR = path.join(ROOT, 'force-app', 'main', 'default', 'lwc');
export const LABELS_FILE = path.join(ROOT, 'force-app', 'main', 'default', 'labels', 'CustomLabels.labels-meta.xml');
export const SLDS_ASSETS = path.join(ROOT, 'node_modules', '@salesforce-ux', 'design-system', 'assets');
