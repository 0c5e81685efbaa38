// What a console tab and the stream hub (preview/runtime/streamHub.ts) say to each other over a MessagePort, and
// what the hub and the server (GET /__events, POST /__events/:stream) say to each other. See streamHub.ts.

/** A platform event as lightning/empApi delivers it. */
export interface PlatformEventEmpMessage {
    channel: string;
    data: { schema: string; payload: Record<string, unknown>; event: { replayId: number; EventUuid: string } };
}

/** A PushTopic notification as lightning/empApi delivers it (`/topic/<Name>`): the record's fields in `sobject`. */
export interface PushTopicEmpMessage {
    channel: string;
    data: { event: { type: string; createdDate: string; replayId: number }; sobject: Record<string, unknown> };
}

/** What lightning/empApi delivers: both kinds carry the replay id at data.event.replayId. */
export type EmpMessage = PlatformEventEmpMessage | PushTopicEmpMessage;

/** Tab -> hub. `id`s are the tab's own; the hub keeps them apart from other tabs'. */
export type TabRequest =
    /** `lock`: a Web Lock the tab holds for its life; the hub forgets the tab when it can take it. */
    | { type: 'hello'; lock?: string }
    | { type: 'subscribe'; id: string; channel: string; replayId: number }
    | { type: 'unsubscribe'; id: string }
    /** Page events (`omni`, `customer`) of this name, for the signed-in user. */
    | { type: 'listen'; name: string }
    | { type: 'bye' };

/** Hub -> tab. */
export type HubReply =
    | { type: 'welcome' }
    | { type: 'subscribed'; id: string }
    | { type: 'emp'; id: string; message: EmpMessage }
    /**
     * The stream to the server dropped. A subscription not yet acknowledged is refused (forgotten); an
     * acknowledged one stays, and resumes after the last event it got once the stream is back.
     */
    | { type: 'dropped'; id: string; established: boolean }
    | { type: 'page'; name: string; data: unknown };

/** Hub -> server, in order, in the body of POST /__events/:stream as `{ ops }`. */
export type ControlOp =
    { op: 'subscribe'; sub: string; channel: string; replayId: number } | { op: 'unsubscribe'; sub: string };

/** The stream's own events (besides the page events): */
export interface StreamReady {
    stream: string;
}
export interface StreamSubscribed {
    sub: string;
    channel: string;
    replayId: number;
}
export interface StreamEmp {
    sub: string;
    message: EmpMessage;
}
