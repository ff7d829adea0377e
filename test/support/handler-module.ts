/**
 * Which file a handler test loads. Normally the bundle (the file uploaded to Lambda, built by
 * `npx projen bundle`), so that what is tested is what is shipped. The mutation run sets
 * HANDLER_FROM_SOURCE=1 (stryker.config.mjs): Stryker plants its mutants in src/, which the
 * bundle would not see, so the same tests then load the TypeScript source through ts-jest.
 */
export function handlerModule(bundle: string, source: string): string {
  return process.env.HANDLER_FROM_SOURCE === '1' ? source : bundle;
}
