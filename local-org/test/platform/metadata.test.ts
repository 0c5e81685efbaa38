// Custom metadata, custom settings and custom labels (Apex Reference, "Custom Metadata Type Methods",
// "Hierarchy Custom Setting Methods", "Label Class"; Apex Developer Guide, "Custom Settings", "Custom Labels";
// Object Reference, "CustomMetadataType__mdt"). The fixture has Rate__mdt records Standard (1.5, active) and
// Express (2.25), the hierarchy setting Config__c, and the labels Greeting (French: Bonjour) and Farewell.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { LocalOrg } from '../../src/org/org';
import { createUser, expectTestThrows, loadOrg, runTest } from './helpers';

let org: LocalOrg;
const users: Record<string, string> = {};

before(() => {
    org = loadOrg();
    users.ann = createUser(org, 'ann');
    users.zoe = createUser(org, 'zoe', [], 'fr');
});

describe('custom metadata (Apex Reference, "Custom Metadata Type Methods")', () => {
    test('records are queried with SOQL, with their standard and custom fields', () => {
        assert.deepEqual(
            runTest(
                org,
                `for (Rate__mdt r : [SELECT DeveloperName, MasterLabel, QualifiedApiName, Value__c, Active__c FROM Rate__mdt ORDER BY DeveloperName])
                     System.debug(r.DeveloperName + ' ' + r.MasterLabel + ' ' + r.QualifiedApiName + ' ' + r.Value__c + ' ' + r.Active__c);`
            ),
            ['Express Express rate Express 2.25 false', 'Standard Standard rate Standard 1.50 true']
        );
    });

    test('getAll maps DeveloperName to record; getInstance finds one by DeveloperName, or returns null', () => {
        assert.deepEqual(
            runTest(
                org,
                `Map<String, Rate__mdt> all = Rate__mdt.getAll();
                 System.debug(all.size() + ' ' + all.get('Standard').Value__c);
                 System.debug(Rate__mdt.getInstance('Express').MasterLabel);
                 System.debug(Rate__mdt.getInstance('Nope'));
                 Id standardId = all.get('Standard').Id;
                 System.debug(Rate__mdt.getInstance(standardId).DeveloperName);`
            ),
            ['2 1.50', 'Express rate', 'null', 'Standard']
        );
    });

    test('records cannot be saved with DML (Metadata API Developer Guide, "Custom Metadata Types")', () => {
        expectTestThrows(
            org,
            `SObject rate = Rate__mdt.getInstance('Standard'); rate.put('Value__c', 9); update rate;`,
            'System.TypeException'
        );
    });
});

describe('hierarchy custom settings (Apex Reference, "Hierarchy Custom Setting Methods")', () => {
    test('getOrgDefaults returns an empty record until one is saved; getInstance then falls back to it', () => {
        assert.deepEqual(
            runTest(
                org,
                `Config__c none = Config__c.getOrgDefaults();
                 System.debug(none.Id + ' ' + none.Level__c);
                 insert new Config__c(SetupOwnerId = UserInfo.getOrganizationId(), Level__c = 'org', Max__c = 10);
                 System.debug(Config__c.getOrgDefaults().Level__c);
                 Config__c mine = Config__c.getInstance();
                 System.debug(mine.Id + ' ' + mine.Level__c + ' ' + mine.Max__c + ' ' + (mine.SetupOwnerId == UserInfo.getUserId()));`
            ),
            ['null null', 'org', 'null org 10 true']
        );
    });

    test("getInstance takes the user's values over the profile's over the organization's, field by field", () => {
        assert.deepEqual(
            runTest(
                org,
                `User ann = [SELECT Id, ProfileId FROM User WHERE Id = '${users.ann}'];
                 insert new List<Config__c>{
                     new Config__c(SetupOwnerId = UserInfo.getOrganizationId(), Level__c = 'org', Max__c = 10),
                     new Config__c(SetupOwnerId = ann.ProfileId, Level__c = 'profile')
                 };
                 System.debug(Config__c.getInstance(ann.Id).Level__c + ' ' + Config__c.getInstance(ann.Id).Max__c);
                 insert new Config__c(SetupOwnerId = ann.Id, Max__c = 3);
                 Config__c merged = Config__c.getInstance(ann.Id);
                 System.debug(merged.Level__c + ' ' + merged.Max__c + ' ' + (merged.Id != null));
                 System.runAs(ann) { System.debug(Config__c.getInstance().Max__c); }
                 System.debug(Config__c.getValues(ann.Id).Level__c + ' ' + Config__c.getValues(ann.Id).Max__c);
                 System.debug(Config__c.getInstance(ann.ProfileId).Level__c + ' ' + Config__c.getInstance(ann.ProfileId).Max__c);`
            ),
            ['profile 10', 'profile 3 true', '3', 'null 3', 'profile 10']
        );
    });

    test('getOrgDefaults then upsert saves the organization default', () => {
        assert.deepEqual(
            runTest(
                org,
                `Config__c settings = Config__c.getOrgDefaults();
                 settings.Level__c = 'first';
                 upsert settings;
                 Config__c again = Config__c.getOrgDefaults();
                 again.Level__c = 'second';
                 upsert again;
                 System.debug([SELECT COUNT() FROM Config__c] + ' ' + Config__c.getOrgDefaults().Level__c);`
            ),
            ['1 second']
        );
    });

    test('a second record for the same owner fails with DUPLICATE_VALUE', () => {
        expectTestThrows(
            org,
            `insert new Config__c(SetupOwnerId = UserInfo.getUserId());
             insert new Config__c(SetupOwnerId = UserInfo.getUserId());`,
            'System.DmlException',
            /first error: DUPLICATE_VALUE, duplicate value found: SetupOwnerId/
        );
    });
});

describe('custom labels (Apex Reference, "Label Class"; Apex Developer Guide, "Custom Labels")', () => {
    test("System.Label.X is in the running user's language, falling back to the label's own text", () => {
        const source = `System.debug(System.Label.Greeting + ' ' + Label.Farewell);`;
        assert.deepEqual(runTest(org, source), ['Hello Goodbye']);
        assert.deepEqual(runTest(org, source, users.zoe), ['Bonjour Goodbye']);
        assert.deepEqual(runTest(org, `System.runAs(new User(Id = '${users.zoe}')) { ${source} }`), [
            'Bonjour Goodbye'
        ]);
    });

    test("Label.get(namespace, label) uses the user's language; with a language argument, that language", () => {
        assert.deepEqual(
            runTest(
                org,
                `System.debug(Label.get('', 'Greeting'));
                 System.debug(Label.get('', 'Greeting', 'fr'));
                 System.debug(Label.get('', 'Farewell', 'fr'));`
            ),
            ['Hello', 'Bonjour', 'Goodbye']
        );
        assert.deepEqual(runTest(org, `System.debug(Label.get('', 'Greeting'));`, users.zoe), ['Bonjour']);
    });

    test('Label.translationExists tells whether the label has text in a language', () => {
        assert.deepEqual(
            runTest(
                org,
                `System.debug(Label.translationExists('', 'Greeting', 'fr') + ' ' + Label.translationExists('', 'Farewell', 'fr') + ' ' +
                     Label.translationExists('', 'Farewell', 'en_US') + ' ' + Label.translationExists('', 'Nope', 'fr'));`
            ),
            ['true false true false']
        );
    });
});
