import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

/**
 * `npm run lint` (the first step of `npm test`): ESLint with these rules, then
 * `prettier --check` (its settings are under "prettier" in package.json).
 * Formatting is Prettier's alone: eslint-config-prettier turns off the rules
 * that would argue with it.
 */
export default tseslint.config(
  { ignores: ["build/", "public/build/", ".cache/", "test-results/", "playwright-report/", "tests/e2e/.output/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  reactHooks.configs.flat.recommended,
  jsxA11y.flatConfigs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // A leading underscore marks what is left out on purpose: `{ secret: _secret, ...shown }`, express's `_next`.
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      // A `let` declared before callbacks that read it and assigned after them (a timer they clear) stays a `let`.
      "prefer-const": ["error", { ignoreReadBeforeAssign: true }],
      // Our labels wrap their control and put its text a few elements deep (<label><input/><span><strong>…).
      "jsx-a11y/label-has-associated-control": ["error", { depth: 4 }],
    },
  },
  {
    // What runs in the browser: components, routes and the client entry.
    files: ["app/**/*.tsx", "app/entry.client.tsx"],
    languageOptions: { globals: { ...globals.browser } },
  },
  prettier,
);
