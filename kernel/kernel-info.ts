// The kernel_info_reply content: protocol 5.3, TypeScript, and the codemirror trick for highlighting.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PROTOCOL_VERSION } from "./wire";

function versionOf(packageJson: string): string {
  try {
    return String((JSON.parse(readFileSync(packageJson, "utf8")) as { version?: unknown }).version ?? "unknown");
  } catch {
    return "unknown";
  }
}

export function kernelInfo(packageRoot: string): Record<string, unknown> {
  const version = versionOf(join(packageRoot, "package.json"));
  const typescript = versionOf(require.resolve("@tslab/typescript-for-tslab/package.json"));
  return {
    status: "ok",
    protocol_version: PROTOCOL_VERSION,
    implementation: "vntrader-kernel",
    implementation_version: version,
    language_info: {
      name: "typescript",
      version: typescript,
      mimetype: "text/typescript",
      file_extension: ".ts",
      pygments_lexer: "typescript",
      // codemirror's "javascript" mode with typescript:true highlights TS in both the classic notebook and
      // JupyterLab (tslab issue #18); the name "typescript" alone is unknown to classic CodeMirror.
      codemirror_mode: { name: "javascript", typescript: true },
      nbconvert_exporter: "script",
    },
    banner: `VN Trader (TypeScript) ${version}: the engine is loaded as \`engine\`; %lsmagic lists the magics.`,
    // Magics document themselves (%lsmagic, %help NAME); these are the references behind the cells.
    help_links: [
      { text: "TypeScript handbook", url: "https://www.typescriptlang.org/docs/handbook/intro.html" },
      { text: "Node.js API", url: "https://nodejs.org/docs/latest-v20.x/api/" },
      { text: "nodejs-polars DataFrames", url: "https://pola-rs.github.io/nodejs-polars/" },
      { text: "vn.py", url: "https://github.com/vnpy/vnpy" },
    ],
    debugger: false,
  };
}
