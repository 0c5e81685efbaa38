// sfdx-lwc-jest has no lightning/modal: a LightningElement with the modal's static open(), its close() and its
// disableClose, each recorded so a test sees what the dialog did. Mapped in jest.config.js; reset by resetAllMocks.
import { LightningElement } from 'lwc';

export default class LightningModal extends LightningElement {
    static open = jest.fn();
    /** close(result), as the dialog called it. */
    static closed = jest.fn();
    /** What the dialog set disableClose to, in order. */
    static closeLocks = jest.fn();

    set disableClose(locked) {
        LightningModal.closeLocks(locked);
    }

    get disableClose() {
        return LightningModal.closeLocks.mock.calls.at(-1)?.[0] === true;
    }

    close(result) {
        LightningModal.closed(result);
        return Promise.resolve();
    }
}
