const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/.tmp'],
    testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.tmp/'],
    setupFilesAfterEnv: ['<rootDir>/jest.setup.js'],
    // sfdx-lwc-jest compiles .ts and resolves c/* to the .ts before the generated .js; only coverage needs
    // pointing at the TypeScript sources (its default glob reports the generated .js).
    collectCoverageFrom: ['force-app/**/lwc/**/*.ts', '!**/__tests__/**', '!**/*.d.ts'],
    coverageReporters: ['text-summary', 'lcov']
};
