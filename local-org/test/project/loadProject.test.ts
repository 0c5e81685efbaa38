import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { ApexDate, ApexDatetime, ApexDecimal } from '../../src/runtime/values';
import { customMetadataFieldValues, labelValue, loadProject, MetadataError } from '../../src/project';
import { basicProject, fixture, platformProject, relayProject } from './helpers';

describe('loading the Relay project', () => {
    test('reads sfdx-project.json: name, source API version and the package directory', () => {
        const project = relayProject();
        assert.equal(project.name, 'relay');
        assert.equal(project.sourceApiVersion, '65.0');
        assert.deepEqual(project.packageDirectories, [{ path: 'force-app', default: true }]);
    });

    test('reads every Apex class with its source, API version and status', () => {
        const project = relayProject();
        // Every .cls file of the package, in whatever feature folder it sits.
        const onDisk = (fs.readdirSync(path.join(project.root, 'force-app'), { recursive: true }) as string[])
            .filter((file) => file.endsWith('.cls'))
            .map((file) => path.basename(file, '.cls'))
            .sort();
        assert.deepEqual(project.classes.map((c) => c.name).sort(), onDisk);
        assert.ok(project.classes.some((c) => /@IsTest/i.test(c.source)) && onDisk.length > 50);
        const service = project.classes.find((c) => c.name === 'RelayInboxService');
        assert.ok(service);
        assert.match(service.source, /class RelayInboxService/);
        assert.equal(service.apiVersion, '65.0');
        assert.equal(service.status, 'Active');
        assert.deepEqual(project.triggers, []);
    });

    test('reads the custom labels with their categories and the Spanish and French translations', () => {
        const project = relayProject();
        const cancel = project.labels.find((label) => label.name === 'Relay_Action_Cancel');
        assert.deepEqual(cancel, {
            name: 'Relay_Action_Cancel',
            value: 'Cancel',
            language: 'en_US',
            categories: ['Relay'],
            protected: false,
            shortDescription: 'Button: cancel a dialog'
        });
        assert.equal(project.labelTranslations.get('Relay_Action_Cancel')?.get('es'), 'Cancelar');
        assert.equal(labelValue(project.labels, project.labelTranslations, 'relay_action_cancel', 'es'), 'Cancelar');
        assert.equal(labelValue(project.labels, project.labelTranslations, 'Relay_Action_Cancel', 'ja'), 'Cancel');
    });

    test('types custom metadata values by the fields of their type', () => {
        const available = relayProject().customMetadata.find(
            (r) => r.type === 'Relay_Presence_Mapping__mdt' && r.developerName === 'Available'
        );
        assert.ok(available);
        assert.equal(available.masterLabel, 'Available');
        assert.equal(available.qualifiedApiName, 'Available');
        assert.equal(available.namespacePrefix, null);
        assert.equal(available.values.get('Is_Default_For_Omni_Status__c'), true);
        assert.equal(available.values.get('Genesys_System_Presence__c'), 'Available');
        assert.equal(available.values.get('Genesys_Presence_Definition_Id__c'), null);
        assert.equal(customMetadataFieldValues(available).get('DeveloperName'), 'Available');
    });

    test('reads the three permission sets with their object, field and class grants', () => {
        const project = relayProject();
        assert.deepEqual(
            project.permissionSets.map((set) => set.name),
            ['Relay_Admin', 'Relay_Agent', 'Relay_Event_Publisher']
        );
        const agent = project.permissionSets.find((set) => set.name === 'Relay_Agent');
        assert.ok(agent);
        assert.ok(agent.classAccesses.includes('RelayInboxController'));
        assert.ok(agent.objectPermissions.some((p) => p.object === 'Relay_Interaction__c' && p.allowRead));
        assert.ok(agent.fieldPermissions.some((p) => p.field === 'Relay_Attachment__c.Content_Type__c' && p.editable));
        assert.ok(agent.externalCredentialPrincipalAccesses.includes('Relay_Genesys_Cloud_User-Agent'));
    });

    test('reads named credentials with their URL and external credential, and external credentials with their principals', () => {
        const project = relayProject();
        const agent = project.namedCredentials.find((nc) => nc.name === 'Relay_Genesys_Cloud');
        assert.equal(agent?.url, 'https://api.mypurecloud.com');
        assert.equal(agent?.type, 'SecuredEndpoint');
        assert.equal(agent?.externalCredential, 'Relay_Genesys_Cloud_User');
        const user = project.externalCredentials.find((ec) => ec.name === 'Relay_Genesys_Cloud_User');
        assert.equal(user?.protocol, 'Oauth');
        assert.deepEqual(user?.principals, [{ name: 'Agent', type: 'PerUserPrincipal', sequenceNumber: undefined }]);
    });

    test('reads the queues, the routing configuration, the service channel and the presence statuses', () => {
        const project = relayProject();
        const routed = project.queues.find((queue) => queue.developerName === 'Relay_Externally_Routed');
        assert.equal(routed?.name, 'Relay Externally Routed');
        assert.deepEqual(routed?.queueSobjects, ['Relay_Interaction__c']);
        assert.equal(routed?.queueRoutingConfig, 'Relay_External_Routing');
        assert.equal(project.queueRoutingConfigs[0].routingModel, 'EXTERNAL_ROUTING');
        assert.equal(project.serviceChannels[0].relatedEntityType, 'Relay_Interaction__c');
        assert.deepEqual(
            project.servicePresenceStatuses.map((s) => [s.developerName, s.channels]),
            [
                ['Relay_Busy', []],
                ['Relay_Online', ['Relay_Interaction']]
            ]
        );
    });

    test('lists a hierarchy custom setting with no records', () => {
        assert.deepEqual(relayProject().customSettings, [], 'Relay has no custom setting');
        assert.deepEqual(platformProject().customSettings, [
            { name: 'Config__c', type: 'Hierarchy', visibility: 'Public', records: [] }
        ]);
    });

    test('keeps the validation rules of each object', () => {
        const rules = relayProject().validationRules.get('relay_interaction__c');
        assert.equal(rules?.length, 1);
        assert.equal(rules?.[0].name, 'Single_Name');
        assert.equal(rules?.[0].active, true);
        assert.match(rules?.[0].errorConditionFormula ?? '', /IF\(ISBLANK\(Account__c\), 0, 1\)/);
    });

    test('lists the metadata folders it does not read instead of failing on them', () => {
        const unknown = relayProject().unknownFolders;
        for (const folder of ['lwc', 'aura', 'flexipages', 'layouts', 'tabs', 'applications', 'objectTranslations']) {
            assert.ok(unknown.includes(`force-app/main/default/${folder}`), folder);
        }
        assert.ok(unknown.includes('force-app/main/default/objects/Relay_Interaction__c/listViews'));
        assert.ok(!unknown.some((folder) => folder.endsWith('/classes') || folder.endsWith('/objects')));
    });
});

describe('loading a fixture project', () => {
    test('reads every package directory and finds metadata folders at any depth', () => {
        const project = basicProject();
        assert.deepEqual(
            project.classes.map((c) => [c.name, c.apiVersion]),
            [
                ['WidgetService', '62.0'],
                ['NoMeta', undefined]
            ]
        );
        assert.deepEqual(
            project.permissionSets.map((set) => set.name),
            ['Widget_User']
        );
    });

    test('reads a trigger with the object it is on and its status', () => {
        const [trigger] = basicProject().triggers;
        assert.equal(trigger.name, 'WidgetTrigger');
        assert.equal(trigger.object, 'Widget__c');
        assert.equal(trigger.status, 'Inactive');
        assert.equal(trigger.apiVersion, '61.0');
    });

    test('splits comma-separated label categories and decodes entities', () => {
        const greeting = basicProject().labels.find((label) => label.name === 'Widget_Greeting');
        assert.deepEqual(greeting?.categories, ['Widgets', 'Greetings']);
        assert.equal(greeting?.value, 'Hello & welcome');
        assert.equal(greeting?.protected, true);
        assert.equal(basicProject().labelTranslations.get('Widget_Greeting')?.get('de'), 'Hallo & willkommen');
    });

    test('types numbers, dates, date/times and nil values of a custom metadata record, and defaults the rest', () => {
        const [record] = basicProject().customMetadata;
        assert.equal(record.type, 'Limits__mdt');
        assert.equal(record.developerName, 'Daily');
        assert.equal(record.masterLabel, 'Daily limit');
        assert.equal(record.protected, true);
        assert.deepEqual(record.values.get('Max__c'), new ApexDecimal(125n, 1));
        assert.deepEqual(record.values.get('Starts__c'), new ApexDate(Date.UTC(2024, 1, 29) / 86_400_000));
        assert.deepEqual(record.values.get('Stamp__c'), new ApexDatetime(Date.UTC(2024, 0, 1, 9, 5)));
        assert.equal(record.values.get('Note__c'), null);
        assert.equal(record.values.get('Enabled__c'), true);
    });

    test('reads a legacy named credential endpoint and queue members', () => {
        const project = basicProject();
        assert.equal(project.namedCredentials[0].url, 'https://legacy.example.com/api');
        assert.equal(project.namedCredentials[0].type, 'Legacy');
        assert.deepEqual(project.queues[0].queueSobjects, ['Widget__c', 'Case']);
        assert.deepEqual(project.queues[0].members, {
            users: ['ann@example.com', 'ben@example.com'],
            publicGroups: ['Widget_Team'],
            roles: []
        });
    });

    test('keeps only the enabled grants of a permission set', () => {
        const [set] = basicProject().permissionSets;
        assert.deepEqual(set.classAccesses, ['WidgetService']);
        assert.deepEqual(set.userPermissions, ['ApiEnabled']);
        assert.deepEqual(set.customPermissions, ['Approve_Widgets']);
        assert.deepEqual(set.customSettingAccesses, ['Config__c']);
        assert.deepEqual(set.tabSettings, [{ tab: 'Widget__c', visibility: 'Visible' }]);
    });

    test('warns about a default value formula it cannot apply and lists unread folders', () => {
        const project = basicProject();
        assert.equal(project.warnings.length, 1);
        assert.match(project.warnings[0], /Made_On__c\.field-meta\.xml: default value formula "TODAY\(\)"/);
        assert.deepEqual(project.unknownFolders, [
            'app/main/default/objects/Widget__c/listViews',
            'app/main/default/staticresources'
        ]);
    });
});

describe('loading a broken project', () => {
    test('a malformed XML file is an error naming the file and the line', () => {
        assert.throws(
            () => loadProject(fixture('malformed')),
            (error: unknown) =>
                error instanceof MetadataError &&
                error.file.endsWith(path.join('objects', 'Thing__c', 'Thing__c.object-meta.xml')) &&
                /malformed XML \(line 6, column 1\): Expected closing tag 'CustomObject'/.test(error.message)
        );
    });

    test('an unknown field type is an error naming the field file and the type', () => {
        assert.throws(
            () => loadProject(fixture('unknown-field-type')),
            (error: unknown) =>
                error instanceof MetadataError &&
                error.file.endsWith('Picture__c.field-meta.xml') &&
                /field Picture__c has type "Hologram"/.test(error.message)
        );
    });

    test('a custom metadata record naming a field its type lacks is an error naming the record file', () => {
        assert.throws(
            () => loadProject(fixture('unknown-mdt-field')),
            (error: unknown) =>
                error instanceof MetadataError &&
                error.file.endsWith('Setting.One.md-meta.xml') &&
                /Setting__mdt has no field Missing__c/.test(error.message)
        );
    });

    test('a folder without sfdx-project.json is not a project', () => {
        const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'local-org-'));
        try {
            assert.throws(() => loadProject(empty), /sfdx-project\.json: not found/);
        } finally {
            fs.rmSync(empty, { recursive: true });
        }
    });

    test('malformed sfdx-project.json and a missing package directory are errors naming the file', () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-org-'));
        try {
            fs.writeFileSync(path.join(dir, 'sfdx-project.json'), '{ "packageDirectories": [');
            assert.throws(() => loadProject(dir), /sfdx-project\.json: malformed JSON/);
            fs.writeFileSync(path.join(dir, 'sfdx-project.json'), '{ "packageDirectories": [{ "path": "nowhere" }] }');
            assert.throws(() => loadProject(dir), /nowhere: package directory not found/);
        } finally {
            fs.rmSync(dir, { recursive: true });
        }
    });
});
