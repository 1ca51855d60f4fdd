/** Records unhandled rejections and uncaught exceptions while installed (a fuzz run asserts there are none). */
export function recordCrashes(): { readonly errors: string[]; dispose(): void } {
  const errors: string[] = [];
  const onRejection = (reason: unknown): void => {
    errors.push(`unhandledRejection: ${reason instanceof Error ? reason.stack ?? reason.message : String(reason)}`);
  };
  const onException = (error: Error): void => {
    errors.push(`uncaughtException: ${error.stack ?? error.message}`);
  };
  process.on('unhandledRejection', onRejection);
  process.on('uncaughtException', onException);
  return {
    errors,
    dispose: () => {
      process.off('unhandledRejection', onRejection);
      process.off('uncaughtException', onException);
    },
  };
}
