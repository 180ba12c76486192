// Command-line front end to lib/: `npm run --silent cli -- <command> …`.
const commands: Record<string, () => Promise<{ main: (args: string[]) => Promise<number> }>> = {
  classify: () => import('./cli/classify'),
  har: () => import('./cli/har'),
  audit: () => import('./cli/audit'),
  merge: () => import('./cli/merge'),
};

const [name, ...rest] = process.argv.slice(2);
const load = name ? commands[name] : undefined;
if (!load) {
  process.stderr.write(`usage: cli <${Object.keys(commands).join('|')}> [args]\n`);
  process.exit(2);
}
process.exitCode = await (await load()).main(rest);
