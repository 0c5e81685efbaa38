// The Apex methods Relay's components call, one module each. `npm run verify:contract` checks every
// declaration here against the @AuraEnabled method in force-app (parameter names and types, result fields).
