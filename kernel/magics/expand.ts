// Magic lines -> TypeScript, one line for one line (so type errors keep their line numbers). Pure.
//
//   %contracts rb exchange={ex}   ->  await $vt_magic("contracts", `rb exchange=${ex}`);
//   const df = %contracts rb      ->  const df = await $vt_magic("contracts", `rb`);
//   %connect?                     ->  $vt_page("connect");
// `{expr}` is replaced by the value of the TypeScript expression; `{{` and `}}` stand for literal braces.

/** Runtime names the expansion calls; kernel/api.ts defines them and every cell sees them. */
export const RUN_MAGIC = "$vt_magic";
export const PAGE_MAGIC = "$vt_page";

/** Finds a magic's code transform (for magics such as %time that rewrite the line instead of running). */
export type TransformLookup = (name: string) => ((args: string) => string) | undefined;

const MAGIC_LINE = /^(\s*)%([A-Za-z_][\w-]*)(\?)?(?:\s(.*))?$/;
const ASSIGNED_MAGIC = /^(\s*)((?:(?:export\s+)?(?:const|let|var)\s+)?[^=%'"`]+?)\s*=\s*%([A-Za-z_][\w-]*)(?:\s(.*))?$/;

export interface MagicLine {
  indent: string;
  /** `const df =` when the magic's value is assigned; empty otherwise. */
  target: string;
  name: string;
  args: string;
  /** `%name?`: show the magic's help in the pager instead of running it. */
  page: boolean;
}

/** Recognises a magic line (alone or on the right of an assignment); null for ordinary TypeScript. */
export function parseMagicLine(line: string): MagicLine | null {
  const alone = MAGIC_LINE.exec(line);
  if (alone) return { indent: alone[1], target: "", name: alone[2], args: (alone[4] ?? "").trim(), page: alone[3] === "?" };
  const assigned = ASSIGNED_MAGIC.exec(line);
  if (assigned && !/[=!<>]$/.test(assigned[2])) {
    return { indent: assigned[1], target: `${assigned[2]} = `, name: assigned[3], args: (assigned[4] ?? "").trim(), page: false };
  }
  return null;
}

/** Escapes text for a template literal body. */
function escapeTemplate(text: string): string {
  return text.replace(/[\\`]/g, (c) => `\\${c}`).replace(/\$(?=\{)/g, "\\$");
}

/** The argument text as a template literal, `{expr}` becoming `${expr}` (nested braces allowed). */
export function argsTemplate(args: string): string {
  let out = "";
  let i = 0;
  while (i < args.length) {
    const c = args[i];
    if ((c === "{" || c === "}") && args[i + 1] === c) {
      out += c;
      i += 2;
      continue;
    }
    if (c === "{") {
      const end = matchingBrace(args, i);
      if (end < 0) throw new SyntaxError(`unclosed { in magic arguments: ${args}`);
      out += "${" + args.slice(i + 1, end) + "}";
      i = end + 1;
      continue;
    }
    out += escapeTemplate(c);
    i += 1;
  }
  return "`" + out + "`";
}

function matchingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth += 1;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

function expandLine(magic: MagicLine, transforms: TransformLookup): string {
  const { indent, target, name, args } = magic;
  if (magic.page) return `${indent}${PAGE_MAGIC}(${JSON.stringify(name)});`;
  const transform = transforms(name);
  if (transform) return `${indent}${target}${transform(args)}`;
  return `${indent}${target}await ${RUN_MAGIC}(${JSON.stringify(name)}, ${argsTemplate(args)});`;
}

/** Rewrites every magic line of a cell; other lines are left exactly as they are. */
export function expandMagics(code: string, transforms: TransformLookup = () => undefined): string {
  if (!code.includes("%")) return code;
  return code
    .split("\n")
    .map((line) => {
      const magic = parseMagicLine(line);
      return magic ? expandLine(magic, transforms) : line;
    })
    .join("\n");
}
