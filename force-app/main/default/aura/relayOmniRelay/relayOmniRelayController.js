({
    // Tells clients that loaded before the relay that it is now listening.
    onInit: function (component, event, helper) {
        helper.publishEvent(component, 'relayReady', {});
    },

    // Every message on the channel arrives here, including the relay's own responses and events.
    onMessage: function (component, message, helper) {
        helper.handleMessage(component, message);
    },

    // Omni-Channel events, forwarded with all their parameters; the client decides what it needs.
    onWorkAssigned: function (component, event, helper) {
        helper.forwardEvent(component, 'workAssigned', event);
    },
    onWorkAccepted: function (component, event, helper) {
        helper.forwardEvent(component, 'workAccepted', event);
    },
    onWorkDeclined: function (component, event, helper) {
        helper.forwardEvent(component, 'workDeclined', event);
    },
    onWorkClosed: function (component, event, helper) {
        helper.forwardEvent(component, 'workClosed', event);
    },
    onStatusChanged: function (component, event, helper) {
        helper.forwardEvent(component, 'statusChanged', event);
    },
    onLoginSuccess: function (component, event, helper) {
        helper.forwardEvent(component, 'loginSuccess', event);
    },
    onLogout: function (component, event, helper) {
        helper.forwardEvent(component, 'logout', event);
    },
    onWorkloadChanged: function (component, event, helper) {
        helper.forwardEvent(component, 'workloadChanged', event);
    },
    onConnectionError: function (component, event, helper) {
        helper.forwardEvent(component, 'connectionError', event);
    }
});
