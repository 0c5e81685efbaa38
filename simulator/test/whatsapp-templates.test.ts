// WhatsApp templates, driven by the official SDK: the Response Management libraries a queue's agents use (Queue and
// UserQueue cannedResponseLibraries), a library's responses (GET /api/v2/responsemanagement/responses, getResponses)
// and the libraries (GET /api/v2/responsemanagement/libraries, getResponseLibraries) with their permissions, and an
// agent's template (sendTemplate: the send-message operation with AdditionalMessage.messagingTemplate), which goes
// out whether or not WhatsApp's 24-hour customer care window is open, its parameters filled in, and its refusals.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Models } from 'purecloud-platform-client-v2';
import { AGENT_PERMISSIONS, LIBRARY_VIEW, RESPONSE_VIEW } from '../src/model';
import { WHATSAPP_TEMPLATE_NAMESPACE } from '../src/seed';
import type { Simulator } from '../src/server';
import {
    ALEX,
    SEED_IDS,
    agentParticipant,
    communicationId,
    goOnQueue,
    sdkForAgent,
    sdkForDefaultAgent,
    startSimulator,
    type Sdk
} from './helpers';

const { support: SUPPORT, billing: BILLING, sales: SALES } = SEED_IDS.queues;
const { supportWhatsApp: SUPPORT_LIBRARY, general: GENERAL_LIBRARY } = SEED_IDS.libraries;
const {
    orderUpdate: ORDER_UPDATE,
    followUp: FOLLOW_UP,
    closing: CLOSING,
    holidayHours: HOLIDAY_HOURS
} = SEED_IDS.responses;
const SAM_WHATSAPP = '13175550123';
const JANE_SMS = '+13175550100';
const DAY_MS = 24 * 60 * 60 * 1000;
const ORDER_UPDATE_TEXT =
    'Hello {{1}}, this is Relay Support about your order {{2}}. Reply to this message to continue.';
const SEND_PATH = (conversationId: string, commId: string): string =>
    `/api/v2/conversations/messages/${conversationId}/communications/${commId}/messages`;

/** An SDK rejection with this status and Genesys error code and the ErrorBody's other fields; then `check`. */
function refused(status: number, code: string, check: (error: Record<string, unknown>) => void = () => undefined) {
    return (error: Record<string, unknown>): boolean => {
        assert.equal(error.status, status, JSON.stringify(error));
        assert.equal(error.code, code);
        assert.equal(typeof error.message, 'string');
        assert.equal(typeof error.contextId, 'string');
        assert.deepEqual(error.errors, []);
        check(error);
        return true;
    };
}

/** 400 invalid.value on one field (naming the entity when given), its message matching. */
const invalid = (field: string, message: RegExp, entityId?: string) =>
    refused(400, 'invalid.value', (error) => {
        const detail = { errorCode: 'invalid.value', fieldName: field };
        assert.deepEqual(error.details, [entityId === undefined ? detail : { ...detail, entityId }]);
        assert.equal(error.entityId, entityId);
        assert.match(String(error.message), message);
    });

/** 400 bad.request: the request breaks the contract (the field named). */
const badRequest = (field: string, message: RegExp) =>
    refused(400, 'bad.request', (error) => {
        assert.ok(
            (error.details as { fieldName?: string }[]).some((d) => d.fieldName === field),
            JSON.stringify(error.details)
        );
        assert.match(String(error.message), message);
    });

/** A WhatsApp conversation Alex starts on behalf of Support, to a customer who has never written (window closed). */
async function coldWhatsApp(sdk: Sdk, toAddress = SAM_WHATSAPP) {
    const created = await sdk.conversations.postConversationsMessages({
        queueId: SUPPORT,
        toAddress,
        toAddressMessengerType: 'whatsapp'
    });
    const conversationId = created.id ?? '';
    const agent = await agentParticipant(sdk, conversationId, ALEX);
    return { conversationId, commId: await communicationId(sdk, conversationId, agent.id) };
}

function sendTemplate(
    sdk: Sdk,
    target: { conversationId: string; commId: string },
    messagingTemplate: Models.SendMessagingTemplateRequest,
    textBody = ''
) {
    return sdk.conversations.postConversationsMessageCommunicationMessages(target.conversationId, target.commId, {
        textBody,
        messagingTemplate
    });
}

function sendText(sdk: Sdk, target: { conversationId: string; commId: string }, textBody: string) {
    return sdk.conversations.postConversationsMessageCommunicationMessages(target.conversationId, target.commId, {
        textBody
    });
}

const orderUpdate = (name: string, order: string): Models.SendMessagingTemplateRequest => ({
    responseId: ORDER_UPDATE,
    parameters: [
        { id: '1', value: name },
        { id: '2', value: order }
    ]
});

async function raw(sim: Simulator, path: string) {
    const token = sim.control.issueToken('alex.rivera@relay.example').access_token;
    const response = await fetch(`http://127.0.0.1:${sim.port}${path}`, {
        headers: { Authorization: `Bearer ${token}` }
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

// ----- the queues' libraries -----------------------------------------------------------------------

test('a queue names the libraries its agents use: Support its WhatsApp library, Billing none, Sales says nothing', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const expected = new Map<string, unknown>([
        [SUPPORT, { mode: 'SelectedOnly', libraryIds: [SUPPORT_LIBRARY] }],
        [BILLING, { mode: 'None' }],
        [SALES, undefined]
    ]);
    // UserQueue (the agent's queues) and Queue (the organization's) carry the same field.
    const mine = await sdk.routing.getUserQueues(ALEX, { joined: true });
    assert.equal(mine.entities?.length, 3);
    for (const q of mine.entities ?? []) {
        assert.deepEqual(q.cannedResponseLibraries, expected.get(q.id ?? ''), q.name);
        assert.equal('cannedResponseLibraries' in q, q.id !== SALES, `${q.name}: the field only when configured`);
    }
    const all = await sdk.routing.getRoutingQueues({ pageSize: 25 });
    assert.equal(all.entities?.length, 3);
    for (const q of all.entities ?? []) assert.deepEqual(q.cannedResponseLibraries, expected.get(q.id ?? ''), q.name);
});

// ----- a library's responses ---------------------------------------------------------------------

test('a library lists its WhatsApp templates and its plain canned response, as the SDK models them', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const listing = await sdk.responseManagement.getResponsemanagementResponses(SUPPORT_LIBRARY);
    assert.equal(listing.total, 3);
    assert.equal(listing.pageCount, 1);
    assert.equal(listing.pageNumber, 1);
    assert.equal(listing.pageSize, 25);
    assert.deepEqual(
        listing.entities?.map((r) => r.id),
        [ORDER_UPDATE, FOLLOW_UP, CLOSING]
    );
    const library = {
        id: SUPPORT_LIBRARY,
        name: 'Relay Support WhatsApp',
        selfUri: `/api/v2/responsemanagement/libraries/${SUPPORT_LIBRARY}`
    };
    assert.deepEqual(listing.entities?.[0], {
        id: ORDER_UPDATE,
        name: 'Order update',
        version: 1,
        libraries: [library],
        texts: [{ content: ORDER_UPDATE_TEXT, contentType: 'text/plain' }],
        dateCreated: '2025-01-01T00:00:00.000Z',
        substitutions: [
            { id: '1', description: 'Customer name' },
            { id: '2', description: 'Order number' }
        ],
        responseType: 'MessagingTemplate',
        messagingTemplate: {
            whatsApp: {
                name: 'order_update',
                namespace: WHATSAPP_TEMPLATE_NAMESPACE,
                language: 'en_US',
                templateStatus: 'APPROVED'
            }
        },
        selfUri: `/api/v2/responsemanagement/responses/${ORDER_UPDATE}`
    });
    const followUp = listing.entities?.[1];
    assert.equal(followUp?.name, 'Follow up');
    assert.deepEqual(followUp?.texts, [
        {
            content: 'Hello {{1}}, we have an update for you. Reply to this message to hear it.',
            contentType: 'text/plain'
        }
    ]);
    assert.deepEqual(followUp?.substitutions, [{ id: '1', description: 'Customer name' }]);
    assert.equal(followUp?.messagingTemplate?.whatsApp?.name, 'follow_up');
    assert.equal(followUp?.messagingTemplate?.whatsApp?.language, 'en_US');
    // The plain canned response has neither responseType nor messagingTemplate: a reader keeps only the templates.
    const closing = listing.entities?.[2];
    assert.equal(closing?.name, 'Closing');
    assert.ok(!('responseType' in (closing ?? {})) && !('messagingTemplate' in (closing ?? {})));
    assert.deepEqual(closing?.substitutions, []);
    const templates = (listing.entities ?? []).filter(
        (r) => r.responseType === 'MessagingTemplate' && r.messagingTemplate?.whatsApp !== undefined
    );
    assert.deepEqual(
        templates.map((r) => r.name),
        ['Order update', 'Follow up']
    );

    // The other library holds only its own response.
    const general = await sdk.responseManagement.getResponsemanagementResponses(GENERAL_LIBRARY);
    assert.deepEqual(
        general.entities?.map((r) => r.id),
        [HOLIDAY_HOURS]
    );
});

test('responses come a page at a time, and expand=substitutionsSchema adds each template’s schema', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const second = await sdk.responseManagement.getResponsemanagementResponses(SUPPORT_LIBRARY, {
        pageSize: 2,
        pageNumber: 2
    });
    assert.equal(second.total, 3);
    assert.equal(second.pageCount, 2);
    assert.deepEqual(
        second.entities?.map((r) => r.id),
        [CLOSING]
    );
    assert.equal(second.nextUri, undefined);
    assert.match(second.previousUri ?? '', /libraryId=.*pageSize=2&pageNumber=1$/);

    const plain = await sdk.responseManagement.getResponsemanagementResponses(SUPPORT_LIBRARY);
    assert.ok(!('substitutionsSchema' in (plain.entities?.[0] ?? {})), 'no schema without the expand');
    const expanded = await sdk.responseManagement.getResponsemanagementResponses(SUPPORT_LIBRARY, {
        expand: 'substitutionsSchema'
    });
    assert.deepEqual(expanded.entities?.[0]?.substitutionsSchema, {
        $schema: 'http://json-schema.org/draft-04/schema#',
        title: 'Order update',
        type: 'object',
        required: ['1', '2'],
        properties: {
            '1': { type: 'string', description: 'Customer name' },
            '2': { type: 'string', description: 'Order number' }
        }
    });
    await assert.rejects(
        sdk.responseManagement.getResponsemanagementResponses(SUPPORT_LIBRARY, { expand: 'assets' }),
        invalid('expand', /expand must be one of: substitutionsSchema/)
    );
});

test('an unknown library is 404 not.found, and a request without libraryId is refused', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const unknown = '5eed0000-0000-4000-8000-600000009999';
    await assert.rejects(
        sdk.responseManagement.getResponsemanagementResponses(unknown),
        refused(404, 'not.found', (error) => {
            assert.equal(error.entityId, unknown);
            assert.match(String(error.message), /library was not found/);
        })
    );
    // The SDK throws before sending without a libraryId; over HTTP the simulator refuses it, empty or absent.
    assert.throws(
        () => sdk.responseManagement.getResponsemanagementResponses(undefined as unknown as string),
        /Missing the required parameter "libraryId"/
    );
    for (const path of ['/api/v2/responsemanagement/responses', '/api/v2/responsemanagement/responses?libraryId=']) {
        const { status, body } = await raw(sim, path);
        assert.equal(status, 400, path);
        assert.equal(body.code, 'invalid.value');
        assert.deepEqual(body.details, [{ errorCode: 'invalid.value', fieldName: 'libraryId' }]);
    }
    // A query parameter the SDK does not send breaks the contract.
    const extra = await raw(sim, `/api/v2/responsemanagement/responses?libraryId=${SUPPORT_LIBRARY}&name=Order`);
    assert.equal(extra.status, 400);
    assert.equal(extra.body.code, 'bad.request');
});

// ----- the libraries -----------------------------------------------------------------------------

test('the libraries are listed, filtered to those holding a WhatsApp template or by a name prefix', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const all = await sdk.responseManagement.getResponsemanagementLibraries();
    assert.equal(all.total, 2);
    assert.deepEqual(all.entities?.[0], {
        id: SUPPORT_LIBRARY,
        name: 'Relay Support WhatsApp',
        version: 1,
        dateCreated: '2025-01-01T00:00:00.000Z',
        division: {
            id: '5eed0000-0000-4000-8000-f00000000001',
            name: 'Home',
            selfUri: '/api/v2/authorization/divisions/5eed0000-0000-4000-8000-f00000000001'
        },
        selfUri: `/api/v2/responsemanagement/libraries/${SUPPORT_LIBRARY}`
    });
    assert.equal(all.entities?.[1]?.name, 'Relay General');

    const whatsapp = await sdk.responseManagement.getResponsemanagementLibraries({
        messagingTemplateFilter: 'whatsapp'
    });
    assert.deepEqual(
        whatsapp.entities?.map((l) => l.id),
        [SUPPORT_LIBRARY]
    );
    const prefixed = await sdk.responseManagement.getResponsemanagementLibraries({ libraryPrefix: 'relay g' });
    assert.deepEqual(
        prefixed.entities?.map((l) => l.id),
        [GENERAL_LIBRARY]
    );
    const paged = await sdk.responseManagement.getResponsemanagementLibraries({ pageSize: 1, pageNumber: 2 });
    assert.deepEqual(
        paged.entities?.map((l) => l.id),
        [GENERAL_LIBRARY]
    );
    assert.equal(paged.pageCount, 2);
    await assert.rejects(
        sdk.responseManagement.getResponsemanagementLibraries({ messagingTemplateFilter: 'sms' }),
        invalid('messagingTemplateFilter', /messagingTemplateFilter must be one of: whatsapp/)
    );
});

test('reading responses needs Responses > Response > View, and listing libraries Responses > Library > View (403)', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    assert.ok(AGENT_PERMISSIONS.includes(RESPONSE_VIEW) && AGENT_PERMISSIONS.includes(LIBRARY_VIEW));

    sim.control.setPermissions(
        ALEX,
        AGENT_PERMISSIONS.filter((p) => p !== RESPONSE_VIEW)
    );
    await assert.rejects(
        sdk.responseManagement.getResponsemanagementResponses(SUPPORT_LIBRARY),
        refused(403, 'missing.any.permissions', (error) => {
            assert.match(String(error.message), /\[responses:response:view\]/);
        })
    );
    assert.equal((await sdk.responseManagement.getResponsemanagementLibraries()).total, 2, 'libraries still');

    sim.control.setPermissions(
        ALEX,
        AGENT_PERMISSIONS.filter((p) => p !== LIBRARY_VIEW)
    );
    await assert.rejects(
        sdk.responseManagement.getResponsemanagementLibraries(),
        refused(403, 'missing.any.permissions', (error) => {
            assert.match(String(error.message), /\[responses:library:view\]/);
        })
    );
    assert.equal((await sdk.responseManagement.getResponsemanagementResponses(SUPPORT_LIBRARY)).total, 3);

    // Another agent keeps both.
    const blake = sdkForAgent(sim, 'blake.chen@relay.example');
    assert.equal((await blake.responseManagement.getResponsemanagementLibraries()).total, 2);
});

// ----- sending a template ------------------------------------------------------------------------

test('outside the care window a WhatsApp template goes out, its parameters filled in; free-form text still does not', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const target = await coldWhatsApp(sdk);
    await assert.rejects(
        sendText(sdk, target, 'Hello Sam'),
        refused(400, 'conversation.error.whatsapp.outside.customer.care.window')
    );

    const sent = await sendTemplate(sdk, target, orderUpdate('Sam', '#1042'));
    const text = 'Hello Sam, this is Relay Support about your order #1042. Reply to this message to continue.';
    assert.equal(sent.direction, 'outbound');
    assert.equal(sent.status, 'sent');
    assert.equal(sent.messengerType, 'whatsapp');
    assert.equal(sent.conversationId, target.conversationId);
    assert.equal(sent.fromAddress, '13175550199', 'from Support’s WhatsApp number');
    assert.equal(sent.toAddress, SAM_WHATSAPP);
    assert.deepEqual(sent.createdBy, { id: ALEX, name: 'Alex Rivera' });
    assert.equal((sent as { textBody?: string }).textBody, text);
    assert.deepEqual(sent.normalizedMessage, { id: sent.id, type: 'Text', text, direction: 'Outbound' });
    const transcript = sim.control.conversation(target.conversationId).transcript;
    assert.deepEqual(
        transcript.map((e) => [e.direction, e.text, e.status, e.userId]),
        [['outbound', text, 'sent', ALEX]]
    );
    const read = await sdk.conversations.getConversationsMessageMessage(target.conversationId, sent.id ?? '');
    assert.equal(read.normalizedMessage?.text, text, 'read back like any message');
    const event = sim.control
        .events()
        .filter((e) => e.type === 'conversation.agentMessage')
        .at(-1);
    assert.deepEqual(event?.data, { messageId: sent.id, text });

    // A template does not open the window: only the customer's answer does.
    await assert.rejects(
        sendText(sdk, target, 'Are you there?'),
        refused(400, 'conversation.error.whatsapp.outside.customer.care.window')
    );
    const follow = await sendTemplate(sdk, target, { responseId: FOLLOW_UP, parameters: [{ id: '1', value: 'Sam' }] });
    assert.equal(
        follow.normalizedMessage?.text,
        'Hello Sam, we have an update for you. Reply to this message to hear it.'
    );
    sim.control.customerReply(target.conversationId, 'Yes, tell me.');
    assert.equal((await sendText(sdk, target, 'Your parcel ships today.')).status, 'sent');
});

test('a template goes out inside the window too, and a textBody sent beside it is accepted but not sent', async (t) => {
    const { sim, clock } = await startSimulator(t);
    let sdk = await sdkForDefaultAgent(sim);
    await goOnQueue(sdk, ALEX);
    const started = sim.control.startConversation({
        channel: 'whatsapp',
        customerName: 'Sam Lee',
        customerAddress: SAM_WHATSAPP,
        queue: 'Support',
        text: 'Where is my order?'
    });
    const offered = await agentParticipant(sdk, started.id, ALEX);
    await sdk.conversations.patchConversationsMessageParticipant(started.id, offered.id, {
        body: { state: 'connected' }
    });
    const target = { conversationId: started.id, commId: await communicationId(sdk, started.id, offered.id) };
    const sent = await sendTemplate(sdk, target, orderUpdate('Sam', '#2001'), 'This text is not sent');
    const text = 'Hello Sam, this is Relay Support about your order #2001. Reply to this message to continue.';
    assert.equal(sent.normalizedMessage?.text, text);
    assert.deepEqual(
        sim.control.conversation(started.id).transcript.map((e) => e.text),
        ['Where is my order?', text]
    );
    // A day later, outside the window: the template still goes out.
    clock.advance(DAY_MS);
    sdk = await sdkForDefaultAgent(sim);
    await assert.rejects(
        sendText(sdk, target, 'Hello?'),
        refused(400, 'conversation.error.whatsapp.outside.customer.care.window')
    );
    assert.equal((await sendTemplate(sdk, target, orderUpdate('Sam', '#2001'))).status, 'sent');
});

test('a template is refused (400 invalid.value) when its response is unknown or no WhatsApp template, and nothing is sent', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const target = await coldWhatsApp(sdk);
    const unknown = '5eed0000-0000-4000-8000-600000009999';
    await assert.rejects(
        sendTemplate(sdk, target, { responseId: unknown, parameters: [{ id: '1', value: 'Sam' }] }),
        invalid('messagingTemplate.responseId', new RegExp(`Response ${unknown} does not exist`), unknown)
    );
    for (const [responseId, name] of [
        [CLOSING, 'Closing'],
        [HOLIDAY_HOURS, 'Holiday hours']
    ]) {
        await assert.rejects(
            sendTemplate(sdk, target, { responseId }),
            invalid(
                'messagingTemplate.responseId',
                new RegExp(`Response ${name} \\(${responseId}\\) is not a WhatsApp messaging template`),
                responseId
            )
        );
    }
    assert.deepEqual(sim.control.conversation(target.conversationId).transcript, []);
});

test('a template needs one parameter per substitution, each naming one of them, once, with a value (400 invalid.value)', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const target = await coldWhatsApp(sdk);
    const parameters = (...pairs: [string, string][]) => pairs.map(([id, value]) => ({ id, value }));
    const cases: [Models.TemplateParameter[] | undefined, RegExp][] = [
        [undefined, /Template Order update needs a parameter for substitution 1 \(Customer name\)/],
        [parameters(['1', 'Sam']), /Template Order update needs a parameter for substitution 2 \(Order number\)/],
        [parameters(['2', '#1042']), /needs a parameter for substitution 1 \(Customer name\)/],
        [
            parameters(['1', 'Sam'], ['2', '#1042'], ['3', 'extra']),
            /Template Order update has no substitution 3: its substitutions are 1, 2/
        ],
        [
            parameters(['1', 'Sam'], ['1', 'Samuel'], ['2', '#1042']),
            /Parameter 1 of template Order update is given more than once/
        ],
        [parameters(['1', ' '], ['2', '#1042']), /Parameter 1 of template Order update has no value/]
    ];
    for (const [given, message] of cases) {
        const template =
            given === undefined ? { responseId: ORDER_UPDATE } : { responseId: ORDER_UPDATE, parameters: given };
        await assert.rejects(
            sendTemplate(sdk, target, template),
            invalid('messagingTemplate.parameters', message, ORDER_UPDATE),
            JSON.stringify(given)
        );
    }
    assert.deepEqual(sim.control.conversation(target.conversationId).transcript, [], 'nothing was sent');
    // The same template with its two parameters, in either order, goes out.
    const sent = await sendTemplate(sdk, target, {
        responseId: ORDER_UPDATE,
        parameters: parameters(['2', '#1042'], ['1', 'Sam'])
    });
    assert.match(sent.normalizedMessage?.text ?? '', /^Hello Sam, .* your order #1042\./);
});

test('SMS has no templates: a template on an SMS conversation is refused (400 invalid.value)', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const created = await sdk.conversations.postConversationsMessages({
        queueId: SUPPORT,
        toAddress: JANE_SMS,
        toAddressMessengerType: 'sms'
    });
    const conversationId = created.id ?? '';
    const agent = await agentParticipant(sdk, conversationId, ALEX);
    const target = { conversationId, commId: await communicationId(sdk, conversationId, agent.id) };
    await assert.rejects(
        sendTemplate(sdk, target, orderUpdate('Jane', '#1042')),
        invalid('messagingTemplate', /Messaging templates are sent on WhatsApp only: conversation .* is sms/)
    );
    assert.deepEqual(sim.control.conversation(conversationId).transcript, []);
    assert.equal((await sendText(sdk, target, 'Your order shipped.')).status, 'sent', 'a text goes out');
});

test('a template body outside the contract is refused (400 bad.request): an empty response id, extra fields, a file', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const target = await coldWhatsApp(sdk);
    await assert.rejects(
        sendTemplate(sdk, target, { responseId: '' }),
        badRequest('body.messagingTemplate.responseId', /body\.messagingTemplate\.responseId must not be empty/)
    );
    await assert.rejects(
        sendTemplate(sdk, target, { ...orderUpdate('Sam', '#1'), headerParameters: [{ id: 'h', value: 'x' }] }),
        badRequest('body.messagingTemplate.headerParameters', /is not an allowed property/)
    );
    await assert.rejects(
        sendTemplate(sdk, target, { responseId: ORDER_UPDATE, parameters: [{ id: '1' }, { id: '2', value: '#1' }] }),
        badRequest('body.messagingTemplate.parameters[0].value', /parameters\[0\]\.value is required/)
    );
    await assert.rejects(
        sdk.conversations.postConversationsMessageCommunicationMessages(target.conversationId, target.commId, {
            textBody: '',
            mediaIds: ['m-1'],
            messagingTemplate: orderUpdate('Sam', '#1')
        }),
        badRequest('body.mediaIds', /body\.mediaIds is not an allowed property/)
    );
    // The same path without a template is sendText: the contract tells them apart by the body.
    const check = sim.checker.check({
        method: 'POST',
        url: SEND_PATH(target.conversationId, target.commId),
        body: { textBody: '', messagingTemplate: { responseId: ORDER_UPDATE } }
    });
    assert.equal(check.ok && check.operation.id, 'sendTemplate');
    assert.deepEqual(sim.control.conversation(target.conversationId).transcript, []);
});

test('a template is sent through a connected agent communication of a message conversation, like a text', async (t) => {
    const { sim } = await startSimulator(t);
    const sdk = await sdkForDefaultAgent(sim);
    const target = await coldWhatsApp(sdk);
    const conversation = sim.control.conversation(target.conversationId);
    const customer = conversation.participants.find((p) => p.purpose === 'customer');
    await assert.rejects(
        sendTemplate(sdk, { ...target, commId: customer?.communicationId ?? '' }, orderUpdate('Sam', '#1')),
        invalid('communicationId', /is not an agent communication/)
    );
    await assert.rejects(
        sendTemplate(sdk, { ...target, commId: 'no-such-communication' }, orderUpdate('Sam', '#1')),
        refused(404, 'not.found')
    );
    // An email conversation is not served under /conversations/messages.
    const email = sim.control.startEmail({
        queue: 'Support',
        fromAddress: 'priya.patel@example.com',
        subject: 'Hello',
        textBody: 'Hi'
    });
    await assert.rejects(
        sendTemplate(sdk, { conversationId: email.id, commId: 'any' }, orderUpdate('Priya', '#1')),
        refused(404, 'not.found')
    );
    assert.deepEqual(sim.control.conversation(target.conversationId).transcript, []);
});
