/**
 * `describe` and `test` of `node:test`, loaded when the suite registers its cases rather than
 * when `duroxide-ts/testing` is imported: the test kit in the same entry point must load under
 * vitest, jest or any other runner, where importing `node:test` has no business happening.
 * @module
 */

type NodeTest = ReturnType<typeof nodeTest>;

function nodeTest() {
  return process.getBuiltinModule('node:test');
}

type AnyFunction = (...args: unknown[]) => unknown;

export const describe = ((...args: unknown[]) =>
  (nodeTest().describe as AnyFunction)(...args)) as NodeTest['describe'];

export const test = ((...args: unknown[]) =>
  (nodeTest().test as AnyFunction)(...args)) as NodeTest['test'];
