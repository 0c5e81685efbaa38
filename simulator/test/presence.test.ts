// Presence as the SDK documents it. OrganizationPresenceDefinition.systemPresence (GET /api/v2/presence/definitions)
// is the enum Available, Away, Busy, Offline, Idle, OnQueue, Meal, Training, Meeting, Break (platform-client-sdk-python
// organization_presence_definition.py allowed_values); a user's presence carries a PresenceDefinition {id,
// systemPresence, selfUri} whose systemPresence the SDK leaves a free string (purecloud-platform-client-v2 262
// index.d.ts), so the simulator answers with its definition's enum value. Relay accepts "On Queue" too
// (RelayGenesysPresenceDefinition.canonicalSystemPresence); which spelling a tenant's user presence carries is in
// docs/open-questions.md.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ALEX, goOnQueue, sdkForDefaultAgent, startSimulator } from './helpers';

const SDK_SYSTEM_PRESENCES = [
    'Available',
    'Away',
    'Busy',
    'Offline',
    'Idle',
    'OnQueue',
    'Meal',
    'Training',
    'Meeting',
    'Break'
];

test('presence definitions carry exactly the system presences of the SDK enum, one definition each', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);

    const definitions = await sdk.presence.getPresenceDefinitions0({ localeCode: 'en_US' });

    const entities = definitions.entities ?? [];
    assert.deepEqual(entities.map((d) => d.systemPresence).sort(), [...SDK_SYSTEM_PRESENCES].sort());
    const onQueue = entities.find((d) => d.systemPresence === 'OnQueue');
    assert.deepEqual(onQueue?.languageLabels, { en_US: 'On Queue' }, 'the label is what people read: On Queue');
    for (const d of entities) {
        assert.deepEqual(Object.keys(d).sort(), [
            'deactivated',
            'divisionId',
            'id',
            'languageLabels',
            'name',
            'selfUri',
            'systemPresence',
            'type'
        ]);
    }
});

test("a user's presence carries its definition's id and system presence, as the SDK's UserPresence", async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);

    await goOnQueue(sdk, ALEX);
    const presence = await sdk.presence.getUserPresencesPurecloud(ALEX);

    const definitions = (await sdk.presence.getPresenceDefinitions0()).entities ?? [];
    const definition = definitions.find((d) => d.id === presence.presenceDefinition?.id);
    assert.equal(presence.presenceDefinition?.systemPresence, 'OnQueue');
    assert.equal(presence.presenceDefinition?.systemPresence, definition?.systemPresence);
    assert.deepEqual(Object.keys(presence.presenceDefinition ?? {}).sort(), ['id', 'selfUri', 'systemPresence']);
    assert.equal(presence.source, 'PURECLOUD');
    assert.equal(presence.primary, true);
});
