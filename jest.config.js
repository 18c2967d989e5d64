/** Two projects: Node for the domain, adapters, files and CLI; jsdom for the task pane. */
const transform = { "^.+\\.tsx?$": ["ts-jest", { tsconfig: "tsconfig.json" }] };

module.exports = {
  projects: [
    {
      displayName: "node",
      testEnvironment: "node",
      testMatch: ["<rootDir>/test/**/*.test.ts"],
      testPathIgnorePatterns: ["/node_modules/", "<rootDir>/test/taskpane/"],
      transform,
    },
    {
      displayName: "taskpane",
      testEnvironment: "jsdom",
      testMatch: ["<rootDir>/test/taskpane/**/*.test.ts?(x)"],
      setupFilesAfterEnv: ["<rootDir>/test/support/setupDom.ts"],
      transform,
    },
  ],
};
