export const warn = (message: string) => process.stderr.write(`WARNING: ${message}\n`);

/** A failure the user can fix: printed as one line without a stack trace, exit status 1. */
export class CliError extends Error {}
