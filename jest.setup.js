// Registers the automated accessibility matcher `expect(element).toBeAccessible()` (axe rules via sa11y).
const { registerSa11yMatcher } = require('@sa11y/jest');

registerSa11yMatcher();
