import { describe, expect, it } from "vitest";
import { isMissingStandinPackage, loadStandins } from "../../src/tools/standins/standins.loader.ts";

const missing = (name: string) =>
  Object.assign(
    new Error(`Cannot find package '${name}' imported from /app/src/tools/standins/vneid.standin.ts`),
    {
      code: "ERR_MODULE_NOT_FOUND",
    },
  );

describe("the stand-ins load on demand (their packages are development dependencies)", () => {
  it("loads the stand-ins' module when its packages are installed", async () => {
    const mod = await loadStandins();
    expect(typeof mod?.startStandins).toBe("function");
  });

  it("a production install without oidc-provider or smtp-server gets null, not a crash", async () => {
    expect(await loadStandins(() => Promise.reject(missing("oidc-provider")))).toBeNull();
    expect(await loadStandins(() => Promise.reject(missing("smtp-server")))).toBeNull();
  });

  it("any other failure, or another missing package, is still thrown", async () => {
    await expect(loadStandins(() => Promise.reject(missing("pg")))).rejects.toThrow("'pg'");
    await expect(loadStandins(() => Promise.reject(new SyntaxError("bad")))).rejects.toThrow("bad");
    expect(isMissingStandinPackage(new Error("Cannot find package 'oidc-provider'"))).toBe(false); // no code
    expect(isMissingStandinPackage(missing("oidc-provider-extra"))).toBe(false);
  });
});
