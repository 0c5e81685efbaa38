// Apex's own records: the jobs Relay enqueues (its tests count them by class), the classes themselves, and
// scheduled jobs. All are read-only to Apex.
// Key prefixes 707 AsyncApexJob, 01p ApexClass, 08e CronTrigger:
// http://www.fishofprey.com/2011/09/obscure-salesforce-object-key-prefixes.html.
import { f, idField, picklist, ref, text, type StandardObject } from './define';

const OBJECT_REFERENCE = 'https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/';

const createdOnly = [
    ref('CreatedById', 'Created By ID', 'd', ['User'], 'CreatedBy'),
    f('CreatedDate', 'Created Date', 'datetime', 'd')
];

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_asyncapexjob.htm
// JobType and Status values as the Object Reference lists them.
export const ASYNC_APEX_JOB: StandardObject = {
    name: 'AsyncApexJob',
    label: 'Apex Job',
    labelPlural: 'Apex Jobs',
    keyPrefix: '707',
    source: `${OBJECT_REFERENCE}sforce_api_objects_asyncapexjob.htm`,
    calls: 'q',
    fields: [
        idField('Job ID'),
        ref('ApexClassId', 'Class ID', 'n', ['ApexClass'], 'ApexClass'),
        picklist(
            'JobType',
            'Job Type',
            '',
            [
                'Future',
                'SharingRecalculation',
                'ScheduledApex',
                'BatchApex',
                'BatchApexWorker',
                'TestRequest',
                'TestWorker',
                'ApexToken',
                'Queueable'
            ],
            { length: 40, restrictedPicklist: true }
        ),
        picklist(
            'Status',
            'Status',
            '',
            ['Queued', 'Preparing', 'Processing', 'Completed', 'Failed', 'Aborted', 'Holding'],
            {
                length: 40,
                restrictedPicklist: true
            }
        ),
        text('ExtendedStatus', 'Status Detail', 255, 'n'),
        text('MethodName', 'Apex Method', 255, 'n'),
        f('JobItemsProcessed', 'Batches Processed', 'integer', '', { precision: 9 }),
        f('TotalJobItems', 'Total Batches', 'integer', 'n', { precision: 9 }),
        f('NumberOfErrors', 'Failures', 'integer', 'n', { precision: 9 }),
        f('CompletedDate', 'Completion Date', 'datetime', 'n'),
        ref('ParentJobId', 'Parent Apex Job ID', 'n', ['AsyncApexJob'], 'ParentJob'),
        ref('CronTriggerId', 'Scheduled Job ID', 'n', ['CronTrigger'], 'CronTrigger'),
        ...createdOnly
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_apexclass.htm
// unconfirmed: Body length 1,000,000 (the Apex class size limit).
export const APEX_CLASS: StandardObject = {
    name: 'ApexClass',
    label: 'Apex Class',
    labelPlural: 'Apex Classes',
    keyPrefix: '01p',
    source: `${OBJECT_REFERENCE}sforce_api_objects_apexclass.htm`,
    nameField: 'Name',
    calls: 'q',
    fields: [
        idField('Class ID'),
        text('Name', 'Name', 255, ''),
        text('NamespacePrefix', 'Namespace Prefix', 15, 'n'),
        f('ApiVersion', 'Api Version', 'double', '', { precision: 18, scale: 1 }),
        picklist('Status', 'Status', '', ['Inactive', 'Active', 'Deleted'], { length: 40, restrictedPicklist: true }),
        f('IsValid', 'Is Valid', 'boolean', 'd', { defaultValue: true }),
        f('Body', 'Body', 'textarea', 'n', { length: 1_000_000 }),
        f('LengthWithoutComments', 'Size Without Comments', 'integer', '', { precision: 9 }),
        ...createdOnly,
        ref('LastModifiedById', 'Last Modified By ID', 'd', ['User'], 'LastModifiedBy'),
        f('LastModifiedDate', 'Last Modified Date', 'datetime', 'd'),
        f('SystemModstamp', 'System Modstamp', 'datetime', 'd')
    ]
};

// https://developer.salesforce.com/docs/atlas.en-us.object_reference.meta/object_reference/sforce_api_objects_crontrigger.htm
export const CRON_TRIGGER: StandardObject = {
    name: 'CronTrigger',
    label: 'Scheduled Jobs',
    labelPlural: 'Scheduled Jobs',
    keyPrefix: '08e',
    source: `${OBJECT_REFERENCE}sforce_api_objects_crontrigger.htm`,
    calls: 'q',
    fields: [
        idField('CronTrigger ID'),
        text('CronExpression', 'Cron Expression', 255, 'n'),
        picklist(
            'State',
            'State',
            'n',
            ['WAITING', 'ACQUIRED', 'EXECUTING', 'COMPLETE', 'ERROR', 'DELETED', 'PAUSED', 'BLOCKED', 'PAUSED_BLOCKED'],
            { length: 16, restrictedPicklist: true }
        ),
        f('StartTime', 'Start Time', 'datetime', 'n'),
        f('EndTime', 'End Time', 'datetime', 'n'),
        f('NextFireTime', 'Next Fire Time', 'datetime', 'n'),
        f('PreviousFireTime', 'Previous Fire Time', 'datetime', 'n'),
        f('TimesTriggered', 'Times Triggered', 'integer', 'n', { precision: 9 }),
        picklist('TimeZoneSidKey', 'Time Zone', 'n', [], { length: 40 }),
        ref('OwnerId', 'Owner ID', 'd', ['User'], 'Owner'),
        ...createdOnly,
        ref('LastModifiedById', 'Last Modified By ID', 'd', ['User'], 'LastModifiedBy')
    ]
};

export const APEX_OBJECTS: readonly StandardObject[] = [ASYNC_APEX_JOB, APEX_CLASS, CRON_TRIGGER];
