/**
 * One test per input of a reading function: the table of what it is given
 * and what it must make of it, the title naming the input (`%p`, `%j`).
 */
export function itReadsEach<In, Out>(title: string, read: (input: In) => Out, cases: readonly (readonly [In, Out])[]): void {
  it.each(cases.map(([input, output]) => [input, output] as const))(title, (input, output) => {
    expect(read(input)).toBe(output);
  });
}
