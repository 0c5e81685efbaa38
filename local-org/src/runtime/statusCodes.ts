// System.StatusCode values DML reports (SOAP API Developer Guide, "StatusCode"; Apex Reference, "StatusCode
// Enum"). Only the codes the local org produces, plus common ones Apex code may compare against, are listed;
// their order here is not the platform's, so code should compare values, never ordinals.
export const STATUS_CODES = [
    'ALL_OR_NONE_OPERATION_ROLLED_BACK',
    'CANNOT_INSERT_UPDATE_ACTIVATE_ENTITY',
    'DELETE_FAILED',
    'DUPLICATE_VALUE',
    'ENTITY_IS_DELETED',
    'FIELD_CUSTOM_VALIDATION_EXCEPTION',
    'FIELD_INTEGRITY_EXCEPTION',
    'INSUFFICIENT_ACCESS_ON_CROSS_REFERENCE_ENTITY',
    'INSUFFICIENT_ACCESS_OR_READONLY',
    'INVALID_CROSS_REFERENCE_KEY',
    'INVALID_EMAIL_ADDRESS',
    'INVALID_FIELD',
    'INVALID_FIELD_FOR_INSERT_UPDATE',
    'INVALID_ID_FIELD',
    'INVALID_OR_NULL_FOR_RESTRICTED_PICKLIST',
    'INVALID_TYPE',
    'MISSING_ARGUMENT',
    'MIXED_DML_OPERATION',
    'NUMBER_OUTSIDE_VALID_RANGE',
    'REQUIRED_FIELD_MISSING',
    'STRING_TOO_LONG',
    'UNABLE_TO_LOCK_ROW',
    'UNKNOWN_EXCEPTION'
];
