import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { createMigrationAdapterFactory } from "./adapter.ts";

type Bindings = typeof import("@prisma/schema-engine-wasm");

// tsconfig has no "dom" lib and @types/node 20 declares no WebAssembly globals: the parts used here.
declare namespace WebAssembly {
  type ModuleImports = Record<string, unknown>;
  type Exports = Record<string, unknown>;
  type Module = { readonly __brand: "WebAssembly.Module" };
  function compile(bytes: Uint8Array): Promise<Module>;
  function instantiate(module: Module, imports: Record<string, ModuleImports>): Promise<{ exports: Exports }>;
  class RuntimeError extends Error {}
}

let bindings: Promise<Bindings> | undefined;

// The glue reports a Rust panic's message here just before the wasm traps; Prisma's CLI
// installs the same global.
type PanicRegistry = { message: string; set_message(message: string): void };
const withRegistry = globalThis as { PRISMA_WASM_PANIC_REGISTRY?: PanicRegistry };
withRegistry.PRISMA_WASM_PANIC_REGISTRY ??= {
  message: "",
  set_message(message: string) {
    this.message = message;
  },
};
const panics = withRegistry.PRISMA_WASM_PANIC_REGISTRY;

/**
 * The package entry does `import * as wasm from "./schema_engine_bg.wasm"`, an ESM-wasm import
 * Node cannot load. So we do by hand what that entry does: instantiate the module with the JS
 * glue as its import object, hand the instance back to the glue, and start it.
 */
function loadBindings(): Promise<Bindings> {
  bindings ??= (async () => {
    const require = createRequire(import.meta.url);
    const gluePath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg");
    const glue = (await import(pathToFileURL(gluePath).href)) as Bindings & {
      __wbg_set_wasm(exports: WebAssembly.Exports): void;
    };
    const module = await WebAssembly.compile(
      await readFile(path.join(path.dirname(gluePath), "schema_engine_bg.wasm")),
    );
    // The engine races each database call against a timer (10 s for the migration advisory
    // lock) and never clears it, which would keep a finished CLI command alive for 10 s.
    // Unref'd timers still fire while there is other work, they just don't hold the process.
    const imports: WebAssembly.ModuleImports = { ...(glue as unknown as WebAssembly.ModuleImports) };
    for (const name of Object.keys(imports).filter((key) => key.startsWith("__wbg_setTimeout_"))) {
      const setTimer = imports[name] as (...args: unknown[]) => unknown;
      imports[name] = (...args: unknown[]) => {
        const timer = setTimer(...args);
        (timer as { unref?: () => void } | undefined)?.unref?.();
        return timer;
      };
    }
    // The wasm imports everything from the module name "./schema_engine_bg.js".
    const instance = await WebAssembly.instantiate(module, { "./schema_engine_bg.js": imports });
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

export interface SchemaFile {
  path: string;
  content: string;
}

/**
 * Runs `fn` with a schema engine connected to `databaseUrl` (the database itself for deploy and
 * status; only its server for diffs, which replay migrations in a shadow database).
 */
export async function withSchemaEngine<T>(
  databaseUrl: string,
  schemaFiles: SchemaFile[] | undefined,
  fn: (engine: SchemaEngine) => Promise<T>,
): Promise<T> {
  const { SchemaEngine } = await loadBindings();
  const factory = createMigrationAdapterFactory(databaseUrl);
  const log = (line: string) => {
    if (process.env.DANGOL_MIGRATE_DEBUG) process.stderr.write(`[schema-engine] ${line}\n`);
  };
  let engine: SchemaEngine | undefined;
  try {
    engine = await SchemaEngine.new(
      // `datamodels` must be undefined or non-empty.
      { datamodels: schemaFiles?.length ? schemaFiles.map((f) => [f.path, f.content]) : undefined },
      log,
      bindMigrationAwareSqlAdapterFactory(factory),
    );
    return await fn(engine);
  } catch (error) {
    if (error instanceof WebAssembly.RuntimeError) {
      // A Rust panic: the instance is unusable from here on (don't even free it). Our commands
      // run in short-lived CLI processes, so we report it rather than reload the module.
      engine = undefined;
      const message = panics.message || error.message;
      panics.message = "";
      throw new Error(`The Prisma schema engine crashed: ${message}`, { cause: error });
    }
    throw asReadableError(error);
  } finally {
    engine?.free();
    await factory.close();
  }
}

/** Engine errors arrive as plain objects or Errors with the useful text in `message`. */
function asReadableError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (error && typeof error === "object" && "message" in error) {
    const e = error as { message: string; code?: string };
    return Object.assign(new Error(e.code ? `${e.code}: ${e.message}` : e.message), { cause: error });
  }
  return new Error(String(error));
}
