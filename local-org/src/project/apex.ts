// Apex classes (classes/*.cls with *.cls-meta.xml: apiVersion, status) and triggers (triggers/*.trigger with
// *.trigger-meta.xml). A class without its -meta.xml is still read; the runtime decides what a missing version means.
import fs from 'node:fs';
import path from 'node:path';
import { readXml, text } from './xml';
import type { ApexSource } from './types';

function meta(file: string, rootTag: string): { apiVersion?: string; status: string } {
    const metaFile = `${file}-meta.xml`;
    if (!fs.existsSync(metaFile)) return { status: 'Active' };
    const root = readXml(metaFile, rootTag);
    return { apiVersion: text(root, 'apiVersion'), status: text(root, 'status') ?? 'Active' };
}

/** Every .cls file under `dir` (source format allows subfolders). */
export function readClasses(dir: string): ApexSource[] {
    return sourceFiles(dir, '.cls').map((file) => ({
        name: path.basename(file, '.cls'),
        path: file,
        source: fs.readFileSync(file, 'utf8'),
        ...meta(file, 'ApexClass')
    }));
}

/** Every .trigger file under `dir`, with the object it is on (`trigger Name on Object (...)`). */
export function readTriggers(dir: string): (ApexSource & { object?: string })[] {
    return sourceFiles(dir, '.trigger').map((file) => {
        const source = fs.readFileSync(file, 'utf8');
        const on = /\btrigger\s+\w+\s+on\s+([\w.]+)/i.exec(source.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''));
        return {
            name: path.basename(file, '.trigger'),
            path: file,
            source,
            object: on?.[1],
            ...meta(file, 'ApexTrigger')
        };
    });
}

function sourceFiles(dir: string, suffix: string): string[] {
    const found: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) found.push(...sourceFiles(full, suffix));
        else if (entry.name.endsWith(suffix)) found.push(full);
    }
    return found.sort();
}
