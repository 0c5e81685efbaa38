({
    // Aura cannot be TypeScript, so this file stays a thin switchboard; parsing and validation of results
    // live in the tested TypeScript client (c/relayOmniChannel).

    handleMessage: function (component, message) {
        if (!message || message.getParam('kind') !== 'request') {
            return; // responses and events (ours included) are for the clients
        }
        var requestId = message.getParam('requestId');
        if (typeof requestId !== 'string' || requestId === '') {
            return; // nobody could match an answer to it
        }
        var helper = this;
        var pending;
        try {
            pending = helper.callToolkit(
                component.find('omniToolkit'),
                message.getParam('action'),
                message.getParam('params') || {}
            );
        } catch (e) {
            pending = Promise.reject(e);
        }
        Promise.resolve(pending)
            .then(function (result) {
                return { kind: 'response', requestId: requestId, ok: true, result: helper.plain(result) };
            })
            .catch(function (error) {
                return { kind: 'response', requestId: requestId, ok: false, error: helper.describe(error) };
            })
            // $A.getCallback: the promise settles outside Aura's event loop.
            .then(
                $A.getCallback(function (response) {
                    helper.publish(component, response);
                })
            );
    },

    // One request action, one toolkit method; argument names are the toolkit's own.
    callToolkit: function (omni, action, params) {
        switch (action) {
            case 'acceptWork':
                return omni.acceptAgentWork({ workId: params.workId });
            case 'closeWork':
                return omni.closeAgentWork({ workId: params.workId });
            case 'setStatus':
                return omni.setServicePresenceStatus({ statusId: params.statusId });
            case 'getStatus':
                return omni.getServicePresenceStatusId();
            case 'getAgentWorks':
                return omni.getAgentWorks();
            case 'logout':
                return omni.logout();
            case 'ping':
                return Promise.resolve(true);
            default:
                return Promise.reject(new Error('Unknown action: ' + action));
        }
    },

    forwardEvent: function (component, name, event) {
        this.publishEvent(component, name, event.getParams());
    },

    publishEvent: function (component, name, detail) {
        this.publish(component, { kind: 'event', name: name, detail: this.plain(detail) });
    },

    publish: function (component, message) {
        component.find('relayChannel').publish(message);
    },

    // Message payloads must be plain serialisable data; toolkit results and event params may be proxies.
    plain: function (value) {
        return value === undefined ? null : JSON.parse(JSON.stringify(value));
    },

    describe: function (error) {
        if (error && typeof error.message === 'string') {
            return error.message;
        }
        return String(error);
    }
});
