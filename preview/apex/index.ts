// Every Apex class the preview stands in for, one module each. An LWC importing `@salesforce/apex/C.m`
// needs `m` in C's `methods` here: preview/test/apexHandlers.test.ts fails otherwise.
import { RelayConversationController } from './RelayConversationController';
import { RelayEventResource } from './RelayEventResource';
import { RelayInboxController } from './RelayInboxController';
import { RelayTransferController } from './RelayTransferController';
import { RelayWorkItemController } from './RelayWorkItemController';
import { RelayWrapUpController } from './RelayWrapUpController';
import type { ApexClassPreview } from './types';

export const APEX_CLASSES: ApexClassPreview[] = [
    RelayEventResource,
    RelayWorkItemController,
    RelayWrapUpController,
    RelayTransferController,
    RelayConversationController,
    RelayInboxController
];
