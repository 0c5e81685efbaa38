// Tokens issued elsewhere (the console's own OAuth endpoint): the service accepts the tokens of a set its owner keeps,
// as the set is at each request, through Prism.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { InteractionApiError } from '../../../connector/src/byoc/interactionClient';
import { startInteractionService } from '../../src/interactionService';
import type { LocalOrg } from '../../src/org/org';
import { CHANNELS, loadOrg, message, start } from './helpers';

let org: LocalOrg;
before(() => {
    org = loadOrg();
});

test('acceptedTokens: a token is accepted while the set holds it, refused (10004) before and after', async (t) => {
    const issued = new Set<string>();
    let token = 'issued-1';
    const { client, proxy, service } = await start(t, org, { tokens: issued, token: () => token });
    assert.equal(service.accessToken, null);
    const send = (id: string) => client.postInteraction(message('+33640000001', 'Hello', id)).catch((e: unknown) => e);

    const early = await send('tok-1');
    assert.ok(early instanceof InteractionApiError);
    assert.deepEqual([early.status, (early.body as { code: number }).code], [401, 10004]);
    issued.add('issued-1');
    const accepted = await send('tok-2');
    assert.equal((accepted as { success?: boolean }).success, true);
    // Another token the set does not hold, then the first one withdrawn.
    token = 'issued-2';
    assert.equal(((await send('tok-3')) as InteractionApiError).status, 401);
    token = 'issued-1';
    issued.delete('issued-1');
    assert.equal(((await send('tok-4')) as InteractionApiError).status, 401);
    assert.deepEqual(
        proxy.calls.map((c) => c.status),
        [401, 202, 401, 401]
    );
    assert.ok(proxy.calls.every((c) => c.violations.length === 0));
});

test('accessToken and acceptedTokens together are refused at start', async () => {
    await assert.rejects(
        startInteractionService(org, { channels: CHANNELS, accessToken: 'a', acceptedTokens: new Set(['b']) }),
        /either accessToken or acceptedTokens/
    );
});
