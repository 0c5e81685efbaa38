// The Interaction Service API's errors: the spec's `Error` schema ({ code, message }, every operation's `default`
// answer) with the codes of ERRORCODES.md in Salesforce's "Interaction Service APIs" repository
// (https://github.com/salesforce-misc/interaction-service-apis/blob/main/ERRORCODES.md). PATCH /consent answers
// its `ConsentResponse` instead ({ success: false, errorDetail: Error }), as its `default` response says.
// unconfirmed: the HTTP statuses (ERRORCODES.md lists codes only): 401 for an unusable token, 403 for an
// authorization context that does not fit, 400 for every other client error.
export class InteractionApiError extends Error {
    constructor(
        readonly status: number,
        readonly code: number,
        message: string
    ) {
        super(message);
        this.name = 'InteractionApiError';
    }

    get body(): { code: number; message: string } {
        return { code: this.code, message: this.message };
    }
}

const error = (status: number, code: number, message: string) => new InteractionApiError(status, code, message);

/** The codes the local org answers, with ERRORCODES.md's wording. */
export const ERRORS = {
    wrongContextForChannel: () =>
        error(
            403,
            10001,
            'The AuthorizationContext in the request isn\'t valid for the provided value in the "to"/"channelAddressIdentifier" field.'
        ),
    invalidToken: () => error(401, 10004, 'The supplied Authorization access token is not valid.'),
    wrongContext: () =>
        error(
            403,
            10005,
            "The AuthorizationContext for the request isn't valid based on the supplied Authorization access token."
        ),
    fileTooLarge: () => error(400, 10008, 'The file size exceeds the maximum limit of 25 MB.'),
    attachmentCount: () =>
        error(
            400,
            10011,
            'The number of interactions of type AttachmentInteraction does not match the number of attachment files.'
        ),
    workItem: () => error(400, 10012, 'Enter a valid workItemId for the MessagingSession ID.'),
    bothCapacities: () => error(400, 10013, 'Enter either a capacityPercentage or a capacityWeight, but not both.'),
    capacityWeight: () => error(400, 10014, 'Enter a capacity weight greater than or equal to 0.'),
    capacityPercentage: () => error(400, 10015, 'Enter a capacity percentage between 0 and 100, inclusive.'),
    header: () => error(400, 10016, 'Enter a valid header.'),
    noChannel: () => error(400, 10017, 'The channelAddressIdentifier provided does not exist.'),
    conversation: () => error(400, 10018, 'The conversation identifier is not valid.'),
    endUser: () => error(400, 10020, 'The endUserClientId provided is not valid.'),
    consentOwner: () =>
        error(400, 10022, 'Cannot update Consent Status where the Consent Owner of the channel is not set to Partner.'),
    flow: () => error(400, 10024, 'For Flow based Routing, flow ID and Fallback Queue ID are required fields.'),
    noRouting: () => error(400, 10030, 'Specify either a flow or a queue to Route API.'),
    inactiveChannel: () => error(400, 10031, 'The channelAddressIdentifier provided is not active.'),
    queue: () => error(400, 10032, 'Specified Queue ID is invalid.'),
    errorOnSuccess: () => error(400, 10033, 'Should not pass in error message when routing result success.'),
    noErrorOnFailure: () => error(400, 10034, 'Error message missing when routing result false.'),
    messageFormat: () => error(400, 10045, 'Provide a valid message entry format.'),
    fileLength: () => error(400, 10051, 'The file size (in bytes) of uploaded attachment is incorrect.'),
    duplicateMessage: () => error(400, 10073, 'Invalid message ID. Provide a unique ID for each message entry.'),
    conference: () =>
        error(
            400,
            10075,
            "Your Salesforce org isn't ready to use the Routing API with conferencing. Upgrade to the latest version or set the routingType to Initial or Transfer."
        ),
    parameters: (detail: string) => error(400, 10089, `Invalid parameters passed to API. ${detail}`),
    notFound: (path: string) => error(404, 404, `No such resource: ${path}`)
};
