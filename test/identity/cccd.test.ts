import { describe, expect, it } from "vitest";
import { decodeIdentityNumber } from "../../src/reference/identity/cccd.ts";

const today = new Date("2026-11-28T00:00:00Z");
const decode = (n: string) => {
  const r = decodeIdentityNumber(n, today);
  if (!r.ok) throw new Error(r.error.code);
  return r.value;
};
const failure = (n: string) => {
  const r = decodeIdentityNumber(n, today);
  return r.ok ? "ok" : r.error.code;
};

describe("CCCD decoding", () => {
  it("reads a Hà Nam man born in 1985 and says Hà Nam is now part of Ninh Bình", () => {
    const id = decode("035085000123");
    expect(id).toMatchObject({ kind: "cccd", sex: "male", birthYear: 1985, century: 20 });
    expect(id.birthRegistration).toMatchObject({ code: "035", name: "Tỉnh Hà Nam", nowInProvinceCode: "37" });
    expect(id.summary).toBe("Nam, sinh năm 1985, đăng ký khai sinh tại Tỉnh Hà Nam.");
  });

  it("reads a woman born in 2003 in Ninh Bình (digit 3: female, 2000s)", () => {
    expect(decode("037303001234")).toMatchObject({ sex: "female", birthYear: 2003, century: 21 });
  });

  it("reads a woman born in 1999 in Hồ Chí Minh City", () => {
    const id = decode("079199012345");
    expect(id).toMatchObject({ sex: "female", birthYear: 1999 });
    expect(id.birthRegistration?.name).toBe("Thành phố Hồ Chí Minh");
  });

  it("accepts spaces and dots as typed at the counter", () => {
    expect(decode("036 085 000 123").number).toBe("036085000123");
  });

  it("accepts an old 9-digit CMND without pretending to decode it", () => {
    expect(decode("168123456")).toMatchObject({ kind: "cmnd" });
  });

  it("refuses wrong lengths, unknown provinces and future birth years", () => {
    expect(failure("03508500012")).toBe("IDENTITY_BAD_FORMAT");
    expect(failure("abc")).toBe("IDENTITY_BAD_FORMAT");
    expect(failure("003085000123")).toBe("IDENTITY_UNKNOWN_PROVINCE");
    expect(failure("035230000123")).toBe("IDENTITY_FUTURE_BIRTH_YEAR");
  });
});
