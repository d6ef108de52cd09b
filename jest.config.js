/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": "<rootDir>/scripts/jest-transform.js" },
  moduleFileExtensions: ["ts", "js", "json"],
  setupFiles: ["<rootDir>/scripts/jest-setup.js"],
  globalSetup: "<rootDir>/scripts/jest-global-setup.js",
  globalTeardown: "<rootDir>/scripts/jest-global-teardown.js",
  // Synthesizing many stacks is CPU-bound; two workers match the CI machine.
  maxWorkers: 2,
};
