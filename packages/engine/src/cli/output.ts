/** Where commands write: stdout lines and stderr lines. Tests and `main` supply it. */
export interface Output {
  line(text: string): void;
  error(text: string): void;
}

/** The process's own stdout and stderr. */
export const processOutput: Output = {
  line: (text) => process.stdout.write(`${text}\n`),
  error: (text) => process.stderr.write(`${text}\n`),
};
