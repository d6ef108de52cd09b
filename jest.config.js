/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/__tests__"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", { jsc: { parser: { syntax: "typescript" }, target: "es2022" } }] },
  moduleFileExtensions: ["ts", "js", "json"],
  // Synthesizing many stacks is CPU-bound; two workers match the CI machine.
  maxWorkers: 2,
};
