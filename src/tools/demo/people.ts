import { SeededRandom } from "./random.ts";

// Common Vietnamese name parts; combinations are synthetic people.
const FAMILY = [
  "Nguyễn",
  "Trần",
  "Lê",
  "Phạm",
  "Hoàng",
  "Vũ",
  "Võ",
  "Đặng",
  "Bùi",
  "Đỗ",
  "Hồ",
  "Ngô",
  "Dương",
  "Lý",
  "Đinh",
  "Mai",
  "Trịnh",
  "Đào",
];
const MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thành", "Xuân"];
const MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Hồng", "Phương", "Thùy"];
const GIVEN_M = [
  "An",
  "Bình",
  "Cường",
  "Dũng",
  "Hải",
  "Hùng",
  "Khánh",
  "Long",
  "Nam",
  "Phong",
  "Quân",
  "Sơn",
  "Thắng",
  "Trung",
  "Tuấn",
  "Việt",
];
const GIVEN_F = [
  "Anh",
  "Chi",
  "Dung",
  "Giang",
  "Hà",
  "Hạnh",
  "Hoa",
  "Hương",
  "Lan",
  "Linh",
  "Mai",
  "Ngọc",
  "Nhung",
  "Phương",
  "Thảo",
  "Trang",
  "Yến",
];
const COMPANIES = [
  "Công ty TNHH Thương mại Hoa Lư",
  "Công ty Cổ phần Xây dựng Tràng An",
  "Hợp tác xã Nông nghiệp Kim Sơn",
  "Công ty TNHH Du lịch Tam Cốc",
  "Công ty Cổ phần Dệt may Nam Định",
  "Công ty TNHH Cơ khí Phủ Lý",
];

/** Size of the synthetic world the demo history and the stand-ins share. */
export const SYNTHETIC_PEOPLE = 20_000;
export const SYNTHETIC_ENTERPRISES = 2_000;

// Real communes of Ninh Bình after 2025, and pre-2025 codes that merged fully into one of them:
// population records that still carry an old code exercise the succession mapping.
const COMMUNES_NEW = [
  "13285",
  "13291",
  "13318",
  "13324",
  "13330",
  "13336",
  "13348",
  "13363",
  "13366",
  "13384",
];
const COMMUNES_OLD = ["13294", "13345", "13327", "13303"];
const STREETS = ["Lê Lợi", "Trần Hưng Đạo", "Nguyễn Trãi", "Quang Trung", "Lý Thái Tổ", "Đinh Tiên Hoàng"];

/** Person number i of the synthetic population (same on every machine). Label: synthetic. */
export function syntheticPerson(i: number) {
  const rnd = new SeededRandom(1_000_003 + i);
  const female = rnd.chance(0.5);
  const year = rnd.int(1950, 2006);
  const digit = (year >= 2000 ? 2 : 0) + (female ? 1 : 0);
  // The last six digits carry the index, so no two synthetic people share a number.
  const idNumber = `${rnd.pick(["035", "036", "037"])}${digit}${String(year % 100).padStart(2, "0")}${String(i).padStart(6, "0")}`;
  const family = rnd.pick(FAMILY);
  const middle = rnd.pick(female ? MIDDLE_F : MIDDLE_M);
  const given = rnd.pick(female ? GIVEN_F : GIVEN_M);
  const birthDate = `${year}-${String(rnd.int(1, 12)).padStart(2, "0")}-${String(rnd.int(1, 28)).padStart(2, "0")}`;
  const commune = rnd.chance(0.2) ? rnd.pick(COMMUNES_OLD) : rnd.pick(COMMUNES_NEW);
  return {
    idNumber,
    family,
    middle,
    given,
    name: `${family} ${middle} ${given}`,
    female,
    birthDate,
    phone: `09${String(10_000_000 + ((i * 7_919) % 89_999_999)).padStart(8, "0")}`,
    email: `congdan${i}@example.vn`,
    communeCode: commune,
    addressDetail: `Số ${rnd.int(1, 300)} đường ${rnd.pick(STREETS)}`,
  };
}
export type SyntheticPerson = ReturnType<typeof syntheticPerson>;

/** The synthetic person with this identity number (its last six digits are the index). */
export function syntheticPersonById(idNumber: string): SyntheticPerson | null {
  const i = Number(idNumber.slice(-6));
  if (!/^\d{12}$/.test(idNumber) || i >= SYNTHETIC_PEOPLE) return null;
  const p = syntheticPerson(i);
  return p.idNumber === idNumber ? p : null;
}

/** Enterprise number i of the synthetic business registry. Label: synthetic. */
export function syntheticEnterprise(i: number) {
  const rnd = new SeededRandom(2_000_003 + i);
  const founder = syntheticPerson((i * 13) % SYNTHETIC_PEOPLE);
  const base = COMPANIES[i % COMPANIES.length] ?? "Công ty TNHH";
  return {
    enterpriseCode: `07${String(i).padStart(8, "0")}`,
    name: `${base} ${i + 1}`.toUpperCase(),
    kind: i % 5 === 4 ? ("household" as const) : ("enterprise" as const),
    address: `${founder.addressDetail}, tỉnh Ninh Bình`,
    communeCode: founder.communeCode,
    representative: founder.name,
    representativeIdNumber: founder.idNumber,
    phone: founder.phone,
    email: `lienhe${i}@doanhnghiep.example.vn`,
    charterCapital: rnd.int(1, 200) * 100_000_000,
    registeredAt: `20${String(rnd.int(10, 25)).padStart(2, "0")}-${String(rnd.int(1, 12)).padStart(2, "0")}-15`,
  };
}
export type SyntheticEnterprise = ReturnType<typeof syntheticEnterprise>;

/** A synthetic applicant drawn from the shared synthetic world, so stand-ins know them. */
export function syntheticApplicant(rnd: SeededRandom, organisation: boolean) {
  if (organisation) {
    const e = syntheticEnterprise(rnd.int(0, SYNTHETIC_ENTERPRISES - 1));
    return {
      kind: "organisation" as const,
      name: e.name,
      idNumber: e.enterpriseCode,
      representative: e.representative,
      phone: e.phone,
      email: e.email,
      address: e.address,
    };
  }
  const p = syntheticPerson(rnd.int(0, SYNTHETIC_PEOPLE - 1));
  return {
    kind: "individual" as const,
    name: p.name,
    idNumber: p.idNumber,
    phone: p.phone,
    email: p.email,
    address: `${p.addressDetail}, tỉnh Ninh Bình`,
  };
}
