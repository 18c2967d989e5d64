// @ts-check
import js from "@eslint/js";
import officeAddins from "eslint-plugin-office-addins";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const OFFICE_GLOBALS = ["Excel", "Office", "OfficeExtension"].map((name) => ({
  name,
  message: "Only src/excel/ talks to Office: the domain stays pure so it runs in the CLI and in tests.",
}));

const UI = ["react", "react-*", "react-dom/*", "@fluentui/*"];
const NODE_IO = ["node:*", "fs", "path", "child_process", "os"];
const NO_BROWSER_GLOBALS = [
  { name: "window", message: "This code runs outside the browser too." },
  { name: "document", message: "This code runs outside the browser too." },
  { name: "process", message: "This code does no I/O: it runs in the browser pane as well as in Node." },
];

/**
 * Which folder may import which (docs/architecture.md, "Layers"). The domain
 * imports nothing of ours; formats read and write files on top of it; the
 * task pane sees the domain and formats and reaches Excel only through the
 * actions handed to it; src/excel/ and src/xlsx/ are two executors of the
 * same plans and never lean on each other.
 */
const LAYERS = [
  {
    files: ["src/domain/**/*.ts"],
    forbid: [
      { group: ["**/formats/**", "**/excel/**", "**/taskpane/**", "**/xlsx/**", "**/xlsx-patch/**", "**/cli/**", "**/commands/**"], why: "The domain imports nothing else of ours: every other folder depends on it, never the reverse." },
      { group: UI, why: "The domain knows nothing of the UI." },
      { group: ["exceljs"], why: "The domain produces plans; src/xlsx/ writes them to files." },
      { group: NODE_IO, why: "The domain does no I/O: it runs in the browser pane as well as in Node." },
    ],
    globals: [...OFFICE_GLOBALS, ...NO_BROWSER_GLOBALS],
  },
  {
    files: ["src/formats/**/*.ts"],
    forbid: [
      { group: ["**/excel/**", "**/taskpane/**", "**/xlsx/**", "**/xlsx-patch/**", "**/cli/**", "**/commands/**"], why: "File formats build on the domain only, so the pane and the CLI can both use them." },
      { group: UI, why: "File formats know nothing of the UI." },
      { group: ["exceljs"], why: "Formats are read and written without ExcelJS so they stay small enough for the task pane; src/xlsx/ is the ExcelJS writer." },
      { group: NODE_IO, why: "File formats take and return text or bytes: the pane reads files in the browser." },
    ],
    globals: [...OFFICE_GLOBALS, ...NO_BROWSER_GLOBALS],
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}"],
    ignores: ["src/taskpane/index.tsx"],
    forbid: [
      { group: ["**/excel/**"], why: "Components reach Excel only through the WorkbookActions handed to them (see index.tsx)." },
      { group: ["**/xlsx/**", "**/xlsx-patch/**", "**/cli/**", "exceljs"], why: "The task pane reads files through src/formats/; src/xlsx/ and the CLI are Node-only." },
    ],
    globals: OFFICE_GLOBALS,
  },
  {
    files: ["src/taskpane/index.tsx", "src/commands/**/*.ts"],
    forbid: [{ group: ["**/xlsx/**", "**/xlsx-patch/**", "**/cli/**", "exceljs"], why: "The add-in ships to the browser: src/xlsx/ and the CLI are Node-only." }],
    globals: [],
  },
  {
    files: ["src/excel/**/*.ts"],
    forbid: [
      { group: ["**/xlsx/**", "**/xlsx-patch/**", "**/cli/**", "exceljs"], why: "src/excel/ and the file executors apply the same plans on their own; what they share belongs in the domain." },
      { group: ["**/taskpane/**"], why: "The Excel adapter serves the task pane through the WorkbookActions port and knows nothing of its components." },
    ],
    globals: [],
  },
  {
    files: ["src/xlsx/**/*.ts", "src/xlsx-patch/**/*.ts", "src/cli/**/*.ts"],
    forbid: [
      { group: ["**/excel/**"], why: "Files are written without Office.js: src/excel/ runs only inside Excel." },
      { group: ["**/taskpane/**"], why: "The command line and the file writers know nothing of the task pane." },
    ],
    globals: OFFICE_GLOBALS,
  },
];

export default tseslint.config(
  { ignores: ["dist/", "lib/", "demo/", "coverage/", "test-results/", "node_modules/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: { allowDefaultProject: ["*.js", "*.mjs", "bin/*.js", "scripts/*.js"] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
      "no-throw-literal": "error",
      eqeqeq: ["error", "smart"],
    },
  },
  {
    files: ["src/taskpane/**/*.{ts,tsx}", "test/taskpane/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    files: ["src/excel/**/*.ts"],
    plugins: { "office-addins": officeAddins },
    rules: {
      "office-addins/call-sync-before-read": "error",
      "office-addins/call-sync-after-load": "error",
      "office-addins/load-object-before-read": "error",
      "office-addins/no-context-sync-in-loop": "error",
      "office-addins/no-empty-load": "error",
      "office-addins/no-office-initialize": "error",
      "office-addins/test-for-null-using-isNullObject": "error",
    },
  },
  ...LAYERS.map(({ files, ignores, forbid, globals: banned }) => ({
    files,
    ...(ignores && { ignores }),
    rules: {
      "no-restricted-imports": ["error", { patterns: forbid.map(({ group, why }) => ({ group, message: why })) }],
      "no-restricted-globals": ["error", ...banned],
    },
  })),
  {
    files: ["**/*.js", "**/*.mjs"],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node, sourceType: "commonjs" },
    rules: { ...tseslint.configs.disableTypeChecked.rules, "@typescript-eslint/no-require-imports": "off" },
  },
  {
    files: ["eslint.config.mjs"],
    languageOptions: { sourceType: "module" },
  },
  {
    files: ["test/**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/unbound-method": "off",
      // The fake's setter objects refer back to the API object that owns them.
      "@typescript-eslint/no-this-alias": "off",
    },
  },
);
