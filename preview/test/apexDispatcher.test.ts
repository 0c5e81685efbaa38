// /__apex/Class.method answers like the platform: the result, or `body.message` with the label text an
// AuraHandledException carries; an unexpected failure never leaks a stack trace to the page.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuraHandledException, type ApexClassPreview, type ApexContext } from '../apex/types';
import { ApexDispatcher } from '../server/apexDispatcher';
import { PlatformEventBus } from '../server/eventBus';
import { GenesysClient } from '../server/genesysClient';
import { RecordStore } from '../server/recordStore';
import { labelText } from '../lib/labels';

const context: ApexContext = {
    userId: '005000000000001AAA',
    store: new RecordStore(),
    bus: new PlatformEventBus('005000000000001AAA'),
    genesys: new GenesysClient({ baseUrl: 'http://127.0.0.1:9', authorization: () => 'Bearer x' }),
    label: (name) => labelText(name),
    now: () => new Date('2026-01-01T00:00:00Z')
};

const probe: ApexClassPreview = {
    className: 'RelayProbeController',
    methods: {
        echo: (params) => ({ got: params }),
        mutate: (params) => {
            (params.list as number[]).push(99);
            return params.list;
        },
        refuse: (_params, ctx) => {
            throw new AuraHandledException(ctx.label('Relay_Error_Generic'));
        },
        crash: () => {
            throw new TypeError('Cannot read properties of undefined (secret internals)');
        }
    }
};

const lines: string[] = [];
const dispatcher = new ApexDispatcher(context, [probe], (line) => lines.push(line));

test('a handler result comes back as the result', async () => {
    assert.deepEqual(await dispatcher.invoke('RelayProbeController.echo', { id: 'a1' }), {
        status: 200,
        payload: { result: { got: { id: 'a1' } } }
    });
});

test('the handler works on a copy of the parameters, as Apex gets a deserialized copy', async () => {
    const params = { list: [1] };
    await dispatcher.invoke('RelayProbeController.mutate', params);
    assert.deepEqual(params.list, [1]);
});

test('an AuraHandledException reaches the component as body.message with the label text', async () => {
    const outcome = await dispatcher.invoke('RelayProbeController.refuse', {});
    assert.equal(outcome.status, 400);
    assert.equal(outcome.payload.body?.message, labelText('Relay_Error_Generic'));
    assert.equal(outcome.payload.body?.exceptionType, 'System.AuraHandledException');
});

test('an unexpected exception is a 500 logged on the server', async () => {
    const outcome = await dispatcher.invoke('RelayProbeController.crash', {});
    assert.equal(outcome.status, 500);
    assert.equal(outcome.payload.body?.exceptionType, 'System.UnexpectedException');
    assert.ok(lines.some((l) => l.includes('RelayProbeController.crash threw TypeError')));
});

test('a method without a preview handler is a 404 that names it', async () => {
    const outcome = await dispatcher.invoke('RelayProbeController.missing', {});
    assert.equal(outcome.status, 404);
    assert.match(outcome.payload.body?.message ?? '', /RelayProbeController\.missing/);
});
