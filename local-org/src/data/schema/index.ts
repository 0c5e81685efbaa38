// The org schema and what hangs off it: object definitions, validation formulas, permissions, declared profiles.
export { buildOrgSchema, generatedKeyPrefix, ProjectSchema, type BuildOptions } from './build';
export type {
    FieldDefinition,
    NameFieldDefinition,
    ObjectDefinition,
    ObjectDefinitionKind,
    PicklistDefinition,
    ValidationRule
} from './definitions';
export { MetadataError } from './errors';
export {
    customFieldDescribe,
    displayFormatOf,
    KNOWN_FIELD_TYPES,
    parentRelationshipName,
    type ProjectFieldDescribe
} from './fieldTypes';
export {
    compileFormula,
    evaluateFormula,
    evaluateValidationRules,
    FormulaError,
    FormulaSyntaxError,
    recordFormulaContext,
    type RecordContextOptions,
    SUPPORTED_FUNCTIONS,
    type FormulaContext,
    type ValidationFailure
} from './formula';
export { parseBoolean, parseDate, parseDatetime, parseDecimal, withScale } from './literals';
export {
    userAccess,
    UserAccess,
    type FieldPermission,
    type ObjectPermission,
    type PermissionSetModel
} from './permissions';
export { STANDARD_PROFILES, STANDARD_USER, SYSTEM_ADMINISTRATOR } from './profiles';
export { STANDARD_OBJECTS } from './standard';
