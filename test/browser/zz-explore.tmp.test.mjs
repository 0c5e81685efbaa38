import { test } from 'node:test';
import { withConsole } from '/work/main/test/browser/harness.mjs';
test('explore', async () => {
    await withConsole(async ({ page, server, sim, screenshot, serverLog, errors }) => {
        const panel = page.locator('c-relay-work-item-panel');
        await panel.waitFor();
        await page.waitForTimeout(1500);
        console.log(await panel.innerText());
        await page.screenshot({ path: '/tmp/wi/1.png', fullPage: true });
        await page.getByLabel('Presence status').selectOption({ label: 'Online' });
        await page.waitForTimeout(1500);
        console.log('--- after online', await panel.innerText());
        console.log(sim.control.state().users.find(u=>u.email?.startsWith('alex'))?.presence);
        sim.control.startConversation({ channel: 'webchat', queue: 'Support', customerName: 'Maria Garcia', customerAddress: 'maria@example.com', text: 'Hello' });
        await page.waitForTimeout(2500);
        console.log('--- after conv', await panel.innerText());
        await page.screenshot({ path: '/tmp/wi/2.png', fullPage: true });
        console.log(serverLog.join('\n'), errors);
    }, { allowErrors: true });
});
