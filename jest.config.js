const { jestConfig } = require('@salesforce/sfdx-lwc-jest/config');

module.exports = {
    ...jestConfig,
    // Jest runs the Salesforce components only; the Node-side suites (simulator, preview, scripts) use node:test.
    roots: ['<rootDir>/force-app'],
    modulePathIgnorePatterns: ['<rootDir>/.localdevserver', '<rootDir>/.tmp'],
    testPathIgnorePatterns: ['/node_modules/', '<rootDir>/.tmp/'],
    setupFilesAfterEnv: ['<rootDir>/jest.setup.js'],
    moduleNameMapper: {
        ...jestConfig.moduleNameMapper,
        '^lightning/modal$': '<rootDir>/jest-mocks/lightning/modal.js'
    },
    // sfdx-lwc-jest compiles .ts and resolves c/* to the .ts before the generated .js; only coverage needs
    // pointing at the TypeScript sources (its default glob reports the generated .js).
    // The V8 provider reports every .ts (the default babel instrumentation silently listed one bundle only).
    // Type-only modules have no runtime code to cover.
    coverageProvider: 'v8',
    collectCoverageFrom: [
        'force-app/**/lwc/**/*.ts',
        '!**/__tests__/**',
        '!**/*.d.ts',
        '!**/lwc/*/types.ts',
        '!**/lwc/*/apexTypes.ts'
    ],
    coverageReporters: ['text-summary', 'lcov']
};
