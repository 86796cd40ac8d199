/** Departments typed as one line ("sales, support"): trimmed, without blanks or repeats. */
export function departmentsOf(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[,;\n]/)
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  ];
}
