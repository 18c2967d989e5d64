/** Running the `poam` command in the tests: its exit code and what it printed, in folder `dir` on `today`. */
import { main, type CliIo } from "../../src/cli/main";

export function cliRunner(dir: string, today: string) {
  return async (...args: string[]): Promise<{ code: number; out: string; err: string }> => {
    const out: string[] = [];
    const err: string[] = [];
    const cli: CliIo = { out: (t) => out.push(t), err: (t) => err.push(t), cwd: dir, today: () => today };
    const code = await main(args, cli);
    return { code, out: out.join("\n"), err: err.join("\n") };
  };
}
